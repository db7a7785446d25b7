"""Billing, plan-change and cancellation inquiries."""

from __future__ import annotations

from cx.demo.topics.topic import Topic

TOPICS: dict[str, Topic] = {
    "refund": Topic(
        opening=("Hi, I returned order {order} on {date} and I still haven't received my refund of {amount}.",
                 "I'd like a refund for order {order}, it was {amount} and the item never worked.",
                 "Hello, I was promised a refund of {amount} for order {order} but nothing has arrived."),
        ask=("Could you confirm the order number and the email address on the account?",
             "Can you give me the order number and the last four digits of the card you paid with?"),
        give=("Sure, it's order {order}, email {email}.", "Order {order}, card ending {last4}."),
        fix=("I can see the return was received. I've issued the refund of {amount} to your card ending "
             "{last4} just now, you'll see it in {days}.",
             "Thanks for waiting. The refund of {amount} has been processed today and a confirmation "
             "email is on its way."),
        pending=("I've raised the refund of {amount} with our payments team. It should reach your card in "
                 "{days}.",),
        workaround=("Refunds can take up to 10 business days, so please wait a little longer.",
                    "Could you check with your bank whether the refund is pending on their side?"),
        reopen=("I'm contacting you again about the refund of {amount} for order {order}. It still hasn't "
                "arrived.",),
    ),
    "double-charge": Topic(
        opening=("I've been charged twice for the same order, {order}. Two payments of {amount} on {date}.",
                 "Hi, my card ending {last4} shows two charges of {amount} from you on {date}."),
        ask=("Could you give me the order number and the last four digits of the card?",
             "Can you confirm the date of the charges and the card you used?"),
        give=("Order {order}, card ending {last4}, both charges on {date}.",
              "It's the card ending {last4}, the charges were on {date}."),
        fix=("You're right, the second charge of {amount} was a duplicate. I've reversed it and it will "
             "drop off your statement in {days}.",
             "I can see the duplicate payment. I've refunded {amount} to the card ending {last4}."),
        pending=("I've sent the duplicate charge to our payments team for reversal, you'll get {amount} "
                 "back in {days}.",),
        workaround=("Sometimes the second charge is only a pending authorisation and drops off by itself.",),
        reopen=("I was told the duplicate charge of {amount} would be reversed, but it's still on my "
                "statement.",),
    ),
    "invoice-copy": Topic(
        opening=("Hi, could you send me a copy of invoice {invoice}? I need it for my expenses.",
                 "I need a VAT invoice for my payment of {amount} on {date}, I can't find it in my account."),
        ask=("Of course. Which email address should I send it to?",
             "Sure, can you confirm the billing email on the account?"),
        give=("Please send it to {email}.", "The billing email is {email}."),
        fix=("Done, I've emailed invoice {invoice} to {email}. You can also download it under Billing > "
             "Invoices.",),
        pending=("I've asked our finance team to reissue invoice {invoice} with your company details, it "
                 "will arrive by email within {days}.",),
        workaround=("You should be able to download it from the Billing page in your account.",),
        reopen=("I asked for a copy of invoice {invoice} last week and haven't received it.",),
    ),
    "unexpected-fee": Topic(
        opening=("Why was I charged {amount} on {date}? I don't recognise this fee.",
                 "There's a fee of {amount} on my last bill that I didn't expect."),
        ask=("Let me look into that. Could you confirm the email on the account?",),
        give=("It's {email}.", "Sure, {email}."),
        fix=("That was a late payment fee applied by mistake. I've removed it and refunded {amount}.",
             "I can see the fee was charged in error, I've credited {amount} back to your account."),
        pending=("I've asked billing to review the {amount} fee. If it was charged in error it will be "
                 "refunded within {days}.",),
        workaround=("The fee is described in our terms and conditions under section 4.",),
        reopen=("I'm back about the {amount} fee from {date}. Nobody got back to me.",),
    ),
    "upgrade": Topic(
        opening=("Hi, I'd like to upgrade from the {plan} plan to {new_plan}.",
                 "How do I move my account to the {new_plan} plan?"),
        ask=("Happy to help. Can you confirm the email on the account?",),
        give=("It's {email}.",),
        fix=("All done, you're now on {new_plan}. The difference is prorated on your next bill.",),
        pending=("I've requested the upgrade to {new_plan}; it will be active from your next billing date.",),
        workaround=("You can change your plan yourself under Settings > Plan.",),
        reopen=("I asked to upgrade to {new_plan} but my account still shows {plan}.",),
    ),
    "downgrade": Topic(
        opening=("Can I switch from {plan} to a cheaper plan? We don't use all the features.",
                 "I want to downgrade to {new_plan} from next month."),
        ask=("Sure, could you confirm the account email?",),
        give=("It's {email}.",),
        fix=("Done, you'll move to {new_plan} at the end of the current billing period.",),
        pending=("I've scheduled the move to {new_plan}; you'll get a confirmation email once it's done.",),
        workaround=("Downgrades are only possible at renewal, so you'll need to wait until then.",),
        reopen=("I downgraded to {new_plan} but I was billed for {plan} again.",),
    ),
    "add-seats": Topic(
        opening=("We need to add {seats} more seats to our team account.",
                 "How can I add {seats} users to our subscription?"),
        ask=("No problem. Which account email is the admin on?",),
        give=("The admin is {email}.",),
        fix=("I've added {seats} seats, your new colleagues can be invited from the Team page right away.",),
        pending=("I've sent a quote for {seats} extra seats to {email}; once you accept it they go live.",),
        workaround=("Only the account owner can add seats, so they'll need to do it from their login.",),
        reopen=("I asked for {seats} extra seats but we still can't invite anyone.",),
    ),
    "cancel-subscription": Topic(
        opening=("I'd like to cancel my subscription please.",
                 "Hi, how do I cancel my {plan} plan? I won't be needing it anymore."),
        ask=("Sorry to hear that. Can you confirm the email on the account?",),
        give=("It's {email}.",),
        fix=("Your subscription is cancelled and you won't be charged again. Access continues until the end "
             "of the period.",),
        pending=("I've submitted the cancellation; you'll receive a confirmation email within {days}.",),
        workaround=("You can cancel yourself from Settings > Subscription.",),
        reopen=("I cancelled my subscription but I've just been charged {amount} again.",),
    ),
    "cancel-order": Topic(
        opening=("I need to cancel order {order}, I placed it by mistake.",
                 "Can I still cancel order {order}? It hasn't shipped yet."),
        ask=("Let me check. Can you confirm the email used for the order?",),
        give=("Order {order}, email {email}.",),
        fix=("Order {order} is cancelled and the {amount} will go back to your card in {days}.",),
        pending=("I've asked the warehouse to stop order {order}; I'll confirm by email once it's done.",),
        workaround=("If it has shipped already you can refuse the delivery and it will come back to us.",),
        reopen=("I cancelled order {order} but it arrived anyway and I was still charged.",),
    ),
}  # fmt: skip
