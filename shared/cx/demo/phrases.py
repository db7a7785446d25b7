"""Turns that fit any inquiry: greetings, thanks, transfers, repeats, frustration, closings.

Slots in braces are filled per contact (see ``slots.py``); ``{me}`` is the speaking agent's first name.
Negative turns use plain words a sentiment lexicon knows (frustrated, ridiculous, useless) rather than
sarcasm, which reads as praise to a lexicon and to a skimming reader alike.
"""

from __future__ import annotations

PHRASES: dict[str, tuple[str, ...]] = {
    "greet": (
        "Hi {customer}, thanks for reaching out! My name is {me}, how can I help today?",
        "Hello, you're speaking with {me}. What can I do for you?",
        "Hi there, {me} here. How can I help?",
        "Good {daypart}! This is {me} from support. What can I help you with?",
    ),
    "hold": (
        "Thanks, let me check that for you. One moment please.",
        "Thank you. Give me a minute to look into this.",
        "Got it, I'm pulling up your account now.",
        "Thanks for the details, just checking a couple of things on my side.",
    ),
    "hold_ok": ("Sure.", "Sure, no rush.", "Ok, thanks.", "Sure, take your time."),
    "thanks_fixed": (
        "Thanks, that fixed it!",
        "Perfect, that worked. Thank you so much!",
        "Great, it's working now. Thanks for your help!",
        "Brilliant, thank you, I really appreciate the quick help.",
        "Thanks, that fixed it. You've been really helpful.",
        "Amazing, all sorted. Thanks {me}!",
        "Wow, that was quick! Thank you so much, great service.",
        "Fantastic, that fixed it. Thanks a lot, you've been brilliant!",
    ),
    "thanks_pending": (
        "Great, thank you for sorting that out.",
        "OK, that sounds good. Thanks!",
        "Appreciate it, thanks for the quick answer.",
        "Perfect, thanks for explaining.",
    ),
    "closing": (
        "You're welcome! Is there anything else I can help with?",
        "Glad I could help. Have a great day!",
        "Happy to help, {customer}. Enjoy the rest of your day!",
        "My pleasure. Don't hesitate to get in touch if anything else comes up.",
    ),
    "bye": ("That's all, have a good day!", "That's everything, thanks again.", "All good, bye!"),
    "already_told": (
        "I already told you that. Why do I have to repeat myself?",
        "I already gave you all of this in my first message.",
        "I've already explained this twice. Do you not read the messages?",
        "As I already told you, the details are in my first message. This is frustrating.",
    ),
    "still_broken": (
        "It's still not working, which is really annoying.",
        "I tried that and it's still not working. So annoying.",
        "Nope, still not working. Same problem as before.",
        "That didn't work, it's still not working. I'm getting really annoyed.",
    ),
    "sorry_unresolved": (
        "I'm sorry, I'm not able to resolve this right now. I've logged it as {ref}.",
        "I apologise for the trouble. I'll raise this internally and we'll get back to you.",
        "Unfortunately I can't fix this today. I've noted everything on {ref}.",
    ),
    "angry_close": (
        "This is ridiculous. I've wasted an hour on this and nothing is fixed.",
        "Unbelievable. Terrible service.",
        "I'm really frustrated. This is the worst support I've ever had.",
        "Honestly this is useless. I'm very disappointed and I'm thinking of leaving.",
        "What a waste of time. Awful.",
    ),
    "transfer": (
        "Let me transfer you to the {team_label} team, they'll be able to help with this.",
        "I'm going to transfer you to a colleague in the {team_label} team.",
        "This one needs the {team_label} team, I'll transfer you now.",
    ),
    "transferred_note": ("Conversation transferred to the {team_label} team.",),
    "greet_transferred": (
        "Hi, this is {me} from the {team_label} team. What seems to be the problem?",
        "Hello, {me} here. I've just picked this up, can you tell me what the issue is?",
        "Hi {customer}, {me} from {team_label}. Could you explain what happened?",
    ),
    "retell": (
        "I already explained all of this to your colleague. Do I really have to start again?",
        "I already told the previous agent everything. It's about order {order}, again.",
        "Seriously? I already went through all of this with the last person.",
    ),
    "transferred_again": (
        "I've been transferred three times now and I still have to explain everything again!",
        "This is the second time I've been transferred. I already told the last person all of this.",
        "Why do I keep getting transferred? I've explained this over and over.",
        "I've been passed around three agents now. This is ridiculous.",
    ),
    "transfer_again": (
        "I'm sorry, this isn't something I can do from here. Let me transfer you to the {team_label} team.",
        "Apologies, I'll need to transfer you again to someone who handles this.",
    ),
    "escalate": (
        "I've escalated this to our specialist team. They'll get back to you within 24 hours, "
        "your reference is {ref}.",
        "I'm escalating this to my supervisor so it gets proper attention. Your reference is {ref}.",
        "I've passed this to our second-line team with all the details. Reference {ref}.",
    ),
    "escalate_ok": ("OK, thanks. I hope they can sort it out.", "Fine, I'll wait to hear back.",
                    "Alright, thanks for escalating it."),
    "escalate_poor": (
        "So nobody can actually fix it today. Very disappointing.",
        "Another wait then. I'm fed up with this.",
        "I've heard that before. This is unacceptable.",
    ),
    "waiting": ("Hello? Is anyone there?", "I've been waiting for 20 minutes now.",
                "Are you still there? This is taking forever."),
    "give_up": ("Forget it, I'll try somewhere else.", "I don't have time for this, it's ridiculous. Bye.",
                "Never mind, this is hopeless."),
    "ack_followup": (
        "Thanks for getting back to us. I can see the history on your case, let me take a look.",
        "Hi {customer}, I can see your previous contact about this. Let me check where things are.",
    ),
    "second_time": (
        "This is the second time I've had to contact you about this, which is a bit frustrating.",
        "I'm getting back in touch because it's still not sorted, and I'm annoyed to be honest.",
    ),
    "apology": ("I'm really sorry about the hassle, let me sort this out properly now.",
                "I completely understand, and I'm sorry it's taken this long. Let me fix it."),
    "finally_thanks": ("Finally! Thanks, that fixed it.", "OK, that worked at last. Thank you.",
                       "Good, it's sorted now. Thanks for fixing it."),
    "chase": ("Just following up as we haven't heard back from you. We'll close this request for now.",),
    "left_chat": ("Customer left the chat.",),
    "left_call": ("Call disconnected by the customer.",),
    "dismiss": ("I'm afraid that's our policy, there's nothing I can do about it.",
                "That's not our problem, you should have read the terms before ordering.",
                "It is the policy and there is nothing we can do. Is there anything else?"),
    "dismissed_reply": ("So it's still not sorted. That's really disappointing, I expected much better.",
                        "Wow, that's unhelpful. My problem is still not fixed and I'm very unhappy.",
                        "Unbelievable. It's still not resolved and that's a terrible way to treat a customer."),
}  # fmt: skip
