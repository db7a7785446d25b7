"""Delivery and returns inquiries."""

from __future__ import annotations

from cx.demo.topics.topic import Topic

TOPICS: dict[str, Topic] = {
    "late-delivery": Topic(
        opening=("My order {order} was supposed to arrive on {date} and it's still not here.",
                 "Hi, where is my parcel? Order {order}, it's several days late."),
        ask=("Sorry about the delay. Can you confirm the order number and delivery postcode?",
             "Could you give me the order number and the email you ordered with?"),
        give=("Order {order}, email {email}.", "It's {order}, postcode on the account."),
        fix=("I've checked with the courier, it's out for delivery today and should reach you before 6pm.",
             "The parcel was held at the depot. I've had it rebooked for delivery tomorrow morning."),
        pending=("I've opened a trace with the courier for order {order}; they'll update us within {days}.",),
        workaround=("Deliveries can take a few extra days at the moment, please wait until the end of the "
                    "week.",),
        reopen=("I'm writing again about order {order}. It still hasn't arrived.",),
    ),
    "missing-parcel": Topic(
        opening=("The tracking for order {order} says delivered on {date} but I never got it.",
                 "My parcel {order} is marked as delivered but there's nothing here."),
        ask=("I'm sorry to hear that. Can you confirm the delivery address and order number?",),
        give=("Order {order}, it should have come to the address on my account.",
              "It's {order}, same address as always."),
        fix=("I've arranged a replacement for order {order}, it ships today with next-day delivery.",
             "I've refunded {amount} for the missing parcel, you'll see it in {days}."),
        pending=("I've opened a claim with the courier for order {order}; we'll email you within {days}.",),
        workaround=("Could you check with your neighbours or any safe place first?",),
        reopen=("I reported order {order} as missing and still have no replacement or refund.",),
    ),
    "wrong-address": Topic(
        opening=("I put the wrong address on order {order}, can you change it?",
                 "Hi, I've moved and order {order} is going to my old address."),
        ask=("Let me see if it has shipped. What is the new address?",),
        give=("It's 14 Elm Road, flat 3, same town.", "The new address is 221 Station Street."),
        fix=("Done, order {order} will now go to the new address and arrive as planned.",),
        pending=("I've asked the courier to redirect order {order}; they'll confirm within {days}.",),
        workaround=("Once an order has shipped we can't change the address, you'd need to contact the "
                    "courier.",),
        reopen=("I asked for order {order} to be redirected but it went to the old address anyway.",),
    ),
    "return-label": Topic(
        opening=("How do I return order {order}? I can't find a return label.",
                 "I'd like to send back order {order}, can I get a returns label?"),
        ask=("Of course. Which item from the order are you returning?",),
        give=("The jacket, it doesn't fit.", "Just the headphones from order {order}."),
        fix=("I've emailed a prepaid return label to {email}. Drop it at any post office within 14 days.",),
        pending=("I've requested a label from the warehouse; it will be emailed to {email} within {days}.",),
        workaround=("You can print a label from the Orders page in your account.",),
        reopen=("I still haven't received the return label for order {order}.",),
    ),
    "refund-status": Topic(
        opening=("I sent back order {order} on {date}. When will I get my {amount} back?",
                 "Can you tell me the status of the refund for my return of order {order}?"),
        ask=("Let me check. Can you confirm the order number and the email used?",),
        give=("Order {order}, {email}.",),
        fix=("Your return was received and the refund of {amount} has just been released, it will show in "
             "{days}.",),
        pending=("The return is still being inspected; the refund of {amount} follows within {days}.",),
        workaround=("Refunds are processed once the warehouse checks the item, please allow two weeks.",),
        reopen=("It's been weeks since I returned order {order} and I still don't have my {amount}.",),
    ),
    "damaged-item": Topic(
        opening=("Order {order} arrived damaged, the box was crushed and the item is broken.",
                 "The item I received in order {order} is cracked."),
        ask=("I'm sorry about that. Could you send a photo of the damage and the order number?",),
        give=("Photo attached, order {order}.", "I've attached two photos. Order {order}."),
        fix=("Thanks for the photos. I've sent a replacement today at no cost, no need to return the "
             "damaged one.",),
        pending=("I've passed the photos to our quality team; we'll arrange a replacement within {days}.",),
        workaround=("Please return the item first and we'll look at it when it arrives.",),
        reopen=("I reported damaged item in order {order} and nothing has happened since.",),
    ),
}  # fmt: skip
