"""Account-access, onboarding and technical-issue inquiries."""

from __future__ import annotations

from cx.demo.topics.topic import Topic

TOPICS: dict[str, Topic] = {
    "password-reset": Topic(
        opening=("I can't log in, the password reset email never arrives.",
                 "Hi, I forgot my password and the reset link doesn't work."),
        ask=("Let me help. What email address is the account under?",),
        give=("It's {email}.",),
        fix=("I've sent a fresh reset link to {email}, it's valid for an hour. Could you try it now?",),
        pending=("I've asked our identity team to reset the account manually; you'll get an email within "
                 "{days}.",),
        workaround=("Please check your spam folder and try again in a few minutes.",),
        reopen=("I'm still locked out, the password reset didn't work.",),
    ),
    "locked-account": Topic(
        opening=("My account has been locked and I can't get in.",
                 "It says my account is locked after too many attempts."),
        ask=("I can unlock it for you. Could you confirm the email and your date of birth?",),
        give=("{email}, and my date of birth is on file.", "Email is {email}."),
        fix=("I've unlocked your account, you should be able to log in right away.",),
        pending=("For security I've sent the unlock request for review; it will be done within {days}.",),
        workaround=("The lock clears automatically after 24 hours, please try again tomorrow.",),
        reopen=("My account is still locked, I was told it would be unlocked.",),
    ),
    "two-factor": Topic(
        opening=("I got a new phone and now I can't get the two-factor code.",
                 "My authenticator app isn't giving me codes for your site anymore."),
        ask=("Let me verify you first. What's the email on the account?",),
        give=("It's {email}.",),
        fix=("I've reset two-factor on your account. Log in and you'll be asked to set it up again.",),
        pending=("I've submitted a two-factor reset; security will confirm by email within {days}.",),
        workaround=("Please use one of your backup codes to log in.",),
        reopen=("I still can't log in because of the two-factor problem.",),
    ),
    "setup-help": Topic(
        opening=("We just signed up and I'm not sure how to set up our workspace.",
                 "Hi, I'm new here. How do I connect my team to the account?"),
        ask=("Welcome aboard! Which plan are you on and how many people will use it?",),
        give=("We're on {plan}, about {seats} people.",),
        fix=("I've set up your workspace and sent invite links for your team to {email}.",),
        pending=("I've booked you an onboarding call with our specialist; the invite is on its way.",),
        workaround=("Our getting-started guide in the Help Centre covers the setup step by step.",),
        reopen=("I followed the setup guide but our workspace still isn't working.",),
    ),
    "verify-email": Topic(
        opening=("I never got the verification email after signing up.",
                 "My email address isn't verified and I can't continue."),
        ask=("Let me check. What email did you sign up with?",),
        give=("{email}.", "It's {email}."),
        fix=("I've verified your email manually, you're all set to continue.",),
        pending=("I've resent the verification to {email}; it may take a little while to arrive.",),
        workaround=("Could you check your spam folder and click resend on the sign-up page?",),
        reopen=("I still can't verify my email, the link never arrives.",),
    ),
    "import-data": Topic(
        opening=("I'm trying to import my contacts from a CSV file and it fails.",
                 "The data import keeps stopping halfway."),
        ask=("Could you tell me roughly how many rows the file has and what error you see?",),
        give=("About 2,000 rows, it says 'invalid format' on row 412.", "It just says import failed."),
        fix=("Row 412 had a stray comma. I've fixed the file and imported it for you, all rows are in.",),
        pending=("I've sent the file to our data team to import; they'll let you know within {days}.",),
        workaround=("Please try saving the file as UTF-8 and importing again.",),
        reopen=("The import still fails with the same error.",),
    ),
    "app-crash": Topic(
        opening=("The app keeps crashing on my {device} every time I open it.",
                 "Since the last update the app crashes on my {device}."),
        ask=("Sorry about that. Which app version are you on and when did it start?",),
        give=("Version {app_version}, it started on {date}.", "It's {app_version} on my {device}."),
        fix=("That's a known issue with {app_version}. I've pushed the fix to your account; please update "
             "to the latest version and it will open normally.",),
        pending=("I've reported the crash to our developers with your details; a fix is expected within "
                 "{days}.",),
        workaround=("Please try uninstalling and reinstalling the app.",
                    "Could you restart your {device} and try again?"),
        reopen=("The app is still crashing on my {device}.",),
    ),
    "sync-error": Topic(
        opening=("My data isn't syncing between my {device} and the web app.",
                 "I keep getting a sync error since {date}."),
        ask=("Can you tell me what the error message says?",),
        give=("It says 'sync failed, try again later'.", "Error code 409 on my {device}."),
        fix=("There was a stuck sync job on your account. I've cleared it and everything is syncing again.",),
        pending=("I've escalated the sync job to engineering; it should be cleared within {days}.",),
        workaround=("Please log out and back in, that usually refreshes the sync.",),
        reopen=("The sync error is back, my data still isn't updating.",),
    ),
    "slow-performance": Topic(
        opening=("The dashboard takes over a minute to load since {date}.",
                 "Everything is really slow today, pages barely load."),
        ask=("Could you tell me which browser and page you're using?",),
        give=("Chrome, the reports page.", "Safari on my {device}, the dashboard."),
        fix=("Your account was on an overloaded server. I've moved it and the dashboard should load in "
             "seconds now.",),
        pending=("I've raised it with our infrastructure team; they're rolling out a fix within {days}.",),
        workaround=("Please clear your browser cache and try again.",),
        reopen=("The dashboard is still very slow.",),
    ),
}  # fmt: skip
