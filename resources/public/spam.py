"""Defences of the public forms against spam and abuse.

A post is refused when it comes too often from one client, fills the hidden trap field, arrives
faster than a person can type, carries too many links, or advertises betting sites (the commonest
real spam on directories: "play 99 exch" and its cousins). Each refusal says why, in words a
person can act on. Nothing about the client is stored in the database: the rate limit counts in
the cache under a keyed hash of the address, which expires with the window.

Each showing of a form is sent once: its signed token names the showing, and `use_once` records
the name in the same transaction as what the form stores (a second post of it stores nothing).
"""

import re
import secrets
import time
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from resources.models import UsedFormToken

STARTED_SALT = "supportdir.spam.form-started"
CLIENT_SALT = "supportdir.spam.client"
# A form left open longer than this is stale; the visitor is asked to send it again.
MAX_FORM_AGE_SECONDS = 24 * 60 * 60

LINK = re.compile(r"https?://|www\.|\[url|<a\s", re.IGNORECASE)
# Betting and casino spam, not the topic: a support group for gambling problems is welcome.
BETTING_SPAM = re.compile(
    r"""
    \b\d*\s*exch\b | \bexch\s*\d+                  # "play 99 exch", "99exch", "exch 247"
    | \bcasinos?\b | \bsports?\s*books?\b | \bbaccarat\b | \broulette\b | \bjackpots?\b
    | \b(?:online|cricket|sports?|football)\s+bett?ing\b
    | \bbett?ing\s+(?:id|ids|site|sites|app|apps|tips|exchange|platform)\b
    | \bbet\s+(?:now|online|here)\b
    | \b1\s*x\s*bet\b | \bmostbet\b | \blotus\s*365\b | \breddy\s*anna\b | \bmahadev\s*book\b
    | \bsatta\b | \bmatka\b | \bslots?\s*gacor\b | \btogel\b | \bjudi\s+(?:online|bola|slot)\b
    | \bonline\s+slots?\b | \bfree\s+spins?\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


class Refusal(Exception):
    """A post refused as spam or abuse; `message` tells the visitor why."""

    def __init__(self, message, code):
        self.message = message
        self.code = code
        super().__init__(str(message))


class AlreadySent(Exception):
    """This showing of the form was sent before, and what it carried is stored."""


def started_token(now=None):
    """The signed moment a form was shown, and a random name for this showing of it; they come
    back in a hidden field."""
    started = int(now if now is not None else time.time())
    return signing.dumps([started, secrets.token_urlsafe(24)], salt=STARTED_SALT)


def check_fill_time(token, now=None):
    """The name of the form's showing, once its token is checked for age and fill time."""
    now = now if now is not None else time.time()
    try:
        started, showing = signing.loads(
            token or "", salt=STARTED_SALT, max_age=MAX_FORM_AGE_SECONDS
        )
    except signing.SignatureExpired:
        raise _open_too_long() from None
    except (signing.BadSignature, TypeError, ValueError):
        started = showing = None
    if not isinstance(started, int) or not isinstance(showing, str) or not showing:
        raise Refusal(
            _("This form could not be checked. Please reload the page and send it again."),
            "form_tampered",
        )
    if now - started > MAX_FORM_AGE_SECONDS:
        raise _open_too_long()
    if now - started < settings.SUBMISSION_MIN_SECONDS:
        raise Refusal(
            _(
                "That was sent faster than a person can fill in the form, so it looks automatic. "
                "Please check your answers and send it again."
            ),
            "too_fast",
        )
    return showing


def _open_too_long():
    return Refusal(
        _("This form was open for more than a day. Please check it and send it again."),
        "form_expired",
    )


def use_once(showing):
    """Record that this showing of a form was sent; AlreadySent if it was, before.

    Call it inside the transaction that stores the post, so that a post which fails to be
    stored leaves its form unused. Of two posts of one showing at once, the database's unique
    constraint lets one through: the other waits for it, then is refused.
    """
    UsedFormToken.objects.filter(
        used_at__lt=timezone.now() - timedelta(seconds=MAX_FORM_AGE_SECONDS)
    ).delete()
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(token=showing)
    except IntegrityError:
        raise AlreadySent from None


def check_trap(value):
    if value:
        raise Refusal(
            _(
                "A field that people cannot see was filled in, so this looks automatic. "
                "If you are a person, please reload the page and send it again."
            ),
            "trap_filled",
        )


def check_text(*texts):
    """Links limited, betting spam refused, over everything the visitor wrote."""
    text = unicodedata.normalize("NFKC", " ".join(texts))
    links = len(LINK.findall(text))
    if links > settings.SUBMISSION_MAX_LINKS:
        raise Refusal(
            _(
                "Please include at most %(limit)d web addresses in what you write "
                "(you included %(count)d). Put the service's own website in its field."
            )
            % {"limit": settings.SUBMISSION_MAX_LINKS, "count": links},
            "too_many_links",
        )
    if BETTING_SPAM.search(text):
        raise Refusal(
            _(
                "This looks like advertising for betting or casino sites, which this directory "
                "does not list. If you are telling us about support for people affected by "
                "gambling, please describe the support itself."
            ),
            "betting_spam",
        )


def count_attempt(request):
    """Count a post against its client's limit; refuse once the limit is passed.

    While Redis is down the cache counts in this process's memory (supportdir/cache.py): a
    client then has the limit in each process, never none.
    """
    key = f"submissions:{client_key(request)}"
    window = settings.SUBMISSION_RATE_WINDOW_MINUTES * 60
    cache.add(key, 0, timeout=window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # Expired between add() and incr().
        cache.set(key, 1, timeout=window)
        attempts = 1
    if attempts > settings.SUBMISSION_RATE_LIMIT:
        raise Refusal(
            _(
                "You have sent several messages in a short time. Please wait %(minutes)d "
                "minutes and try again."
            )
            % {"minutes": settings.SUBMISSION_RATE_WINDOW_MINUTES},
            "too_many",
        )


def client_key(request):
    """A keyed hash of the client's address: enough to count, useless to identify anyone."""
    return salted_hmac(CLIENT_SALT, client_address(request), algorithm="sha256").hexdigest()


def client_address(request):
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind our proxy, the address it saw is the last one it added.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
