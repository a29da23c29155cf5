"""Changes reviewed before they go live: an Editor's save of a published service waits as a
proposed change (resources.models.ProposedChange) until a Publisher publishes it or sends it
back; an Editor marks a draft ready for review.

A proposed change is the change form as the editor sent it. Everything here that needs it saved
(publishing it, the review's comparison, the preview) saves it through the admin's own change
form, as the editor's request would have: one way of saving a service. The comparison and the
preview save it inside a transaction that is then rolled back (`applied()`), so what they show
is what publishing would write, and nothing of it stays: not the rows, not the search index's
refresh or any other on_commit work (dropped with the transaction), not the pages kept in the
cache under it (their version is moved on afterwards).
"""

import copy
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, router, transaction
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from resources.curation.history import changes_since
from resources.hsds.provenance import record_curator_edits
from resources.models import ProposedChange, Service, TaxonomyTerm
from resources.models.services import prefetch_for_detail_page
from resources.search.facet_cache import forget_counts

# What a change form sends besides its fields: which button, and the CSRF token.
NOT_FORM_DATA = {
    "csrfmiddlewaretoken",
    "_save",
    "_continue",
    "_addanother",
    "_saveasnew",
    "_ready_for_review",
}

# Bookkeeping, not content: left out of the comparison.
NOT_COMPARED = {
    "id",
    "version",
    "created",
    "modified",
    "search_text",
    "search_vector",
    "search_vector_es",
}


class Refused(Exception):
    """A review step that cannot be done, with the reasons to show the curator."""

    def __init__(self, *reasons):
        super().__init__(*reasons)
        self.reasons = [str(reason) for reason in reasons]


def waiting_counts():
    """What waits for a publisher, for the admin's home: {"proposed_changes": count,
    "drafts_ready": count}."""
    waiting = ProposedChange.objects.waiting()
    return {
        "proposed_changes": waiting.changes().count(),
        "drafts_ready": waiting.drafts().count(),
    }


def may_publish(user):
    return user.has_perm("resources.publish_service")


def must_be_proposed(request, service):
    """Whether this curator's save of `service` waits for review instead of going live."""
    return (
        service is not None
        and service.is_published
        and not may_publish(request.user)
        and not is_applying(request)
    )


def is_applying(request):
    """Whether `request` is a proposal being saved again by the admin (see `apply()`)."""
    return getattr(request, "applying_proposal", None) is not None


def is_quiet(request):
    """Whether the admin's save should say nothing to the curator: it is a proposal being
    recorded or applied, and what happened is said here."""
    return is_applying(request) or getattr(request, "proposing", False)


def change_reason(request):
    """The history row's reason for a proposal published by `request.user`."""
    proposal = request.applying_proposal
    return _("Proposed by %(editor)s, published by %(publisher)s") % {
        "editor": proposal.proposed_by or _("a former curator"),
        "publisher": request.user,
    }


def form_data(post):
    """The change form as sent, for keeping as JSON: {field name: [values]}."""
    return {key: values for key, values in post.lists() if key not in NOT_FORM_DATA}


def _as_query_dict(data):
    if not isinstance(data, dict):
        raise Refused(_("The proposed change is not a form's data."))
    query = QueryDict(mutable=True)
    for key, values in data.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise Refused(_("The proposed change is not a form's data."))
        query.setlist(key, values)
    return query


def _request_for(request, proposal):
    """`request`, as the editor's save of the form the proposal keeps."""
    applying = copy.copy(request)
    applying.method = "POST"
    applying.GET = QueryDict()
    applying.POST = _as_query_dict(proposal.data)
    applying._files = MultiValueDict()
    applying.applying_proposal = proposal
    return applying


def _service_admin():
    return admin.site.get_model_admin(Service)


def _db():
    return router.db_for_write(Service)


# Writing: proposing, marking ready, publishing, sending back.


def propose_from_form(request, service, save):
    """Keep an editor's save of a published service as a proposed change.

    `save()` is the admin's own save of the form: it checks the form and its rows, and saves,
    inside a transaction rolled back here. A form with mistakes comes back to the editor as
    usual; a good one is kept, for a publisher to review. Returns the response.
    """
    request.proposing = True
    with transaction.atomic(using=_db()):
        response = save()
        transaction.set_rollback(True, using=_db())
    forget_counts()
    if response.status_code != 302:
        return response
    try:
        base_version = int(request.POST.get("loaded_version", ""))
    except ValueError:
        base_version = service.version
    try:
        _proposal, replaced = propose_change(
            service, request.user, form_data(request.POST), base_version
        )
    except Refused as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
        return HttpResponseRedirect(request.path)
    messages.success(
        request,
        _(
            "Your change to “%(service)s” waits for a publisher's review; visitors see the "
            "published version until then."
        )
        % {"service": service}
        if not replaced
        else _(
            "Your waiting change to “%(service)s” was replaced by this one; a publisher "
            "reviews it before visitors see it."
        )
        % {"service": service},
    )
    if "_continue" in request.POST:
        return HttpResponseRedirect(request.path)
    return HttpResponseRedirect(reverse("admin:resources_service_changelist"))


def propose_change(service, user, data, base_version):
    """Keep `data` (a change form) as `user`'s proposed change to `service`. At most one waits
    for each service: the editor's own is replaced, another editor's is a refusal. Returns the
    proposal and whether it replaced one."""
    try:
        with transaction.atomic(using=_db()):
            Service.objects.select_for_update().filter(pk=service.pk).first()
            _close_answered_drafts(service)
            waiting = ProposedChange.objects.select_for_update().pending().filter(service=service)
            proposal = waiting.first()
            if proposal is not None and (
                proposal.proposed_by_id != user.pk or not proposal.is_change
            ):
                raise Refused(_waiting_already(proposal))
            replaced = proposal is not None
            if proposal is None:
                proposal = ProposedChange(service=service, proposed_by=user)
            proposal.data = data
            proposal.base_version = base_version
            proposal.save()
    except IntegrityError:
        # Another save made one in the same moment.
        raise Refused(_("A change to this service is already waiting for review.")) from None
    return proposal, replaced


def mark_ready(service, user):
    """An editor's draft, ready for a publisher to review and publish."""
    if service.status != Service.Status.DRAFT:
        raise Refused(_("Only a draft can be marked ready for review."))
    try:
        with transaction.atomic(using=_db()):
            _close_answered_drafts(service)
            proposal = ProposedChange.objects.pending().filter(service=service).first()
            if proposal is not None:
                if proposal.kind == ProposedChange.Kind.DRAFT:
                    return proposal
                raise Refused(_waiting_already(proposal))
            return ProposedChange.objects.create(
                service=service, proposed_by=user, kind=ProposedChange.Kind.DRAFT
            )
    except IntegrityError:
        raise Refused(_("This service is already waiting for review.")) from None


def publish(proposal, request):
    """Publish a waiting proposal: the change saved as its editor sent it, or the draft
    published. Refused (nothing written) when it was reviewed already, is stale, or no longer
    saves."""
    with transaction.atomic(using=_db()):
        proposal = _locked_pending(proposal)
        if proposal.is_change:
            # Locked until the end: nothing else saves the service in between.
            proposal.service = Service.objects.select_for_update().get(pk=proposal.service_id)
            if proposal.is_stale:
                raise Refused(_stale_message(proposal))
            errors = apply(proposal, request)
            if errors:
                raise Refused(_("The change cannot be published as it is:"), *errors)
        else:
            drafts = Service.objects.filter(pk=proposal.service_id).drafts()
            if drafts.publish(request.user) != 1:
                raise Refused(_("This service is not a draft any more."))
            record_curator_edits(
                [(Service, proposal.service_id, {"status": Service.Status.PUBLISHED})]
            )
        _decide(proposal, request.user, ProposedChange.Status.PUBLISHED)
    return proposal


def send_back(proposal, user, note):
    """Send a waiting proposal back to its editor with a note; nothing of it is published."""
    note = (note or "").strip()
    if not note:
        raise Refused(_("Write a note for the editor: what to change, or why not."))
    with transaction.atomic(using=_db()):
        proposal = _locked_pending(proposal)
        proposal.note = note
        _decide(proposal, user, ProposedChange.Status.SENT_BACK)
    return proposal


def _locked_pending(proposal):
    locked = (
        ProposedChange.objects.select_for_update(of=("self",))
        .filter(pk=proposal.pk)
        .select_related("service", "proposed_by")
        .first()
    )
    if locked is None or not locked.is_pending:
        raise Refused(_("This was reviewed already; nothing was changed."))
    return locked


def _decide(proposal, user, status):
    proposal.status = status
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save()


def _close_answered_drafts(service):
    """A draft marked ready and since published another way (an action, the form) is answered."""
    ProposedChange.objects.pending().drafts().filter(service=service).exclude(
        service__status=Service.Status.DRAFT
    ).update(status=ProposedChange.Status.CLOSED, modified=timezone.now())


def _waiting_already(proposal):
    return _(
        "%(editor)s's change to this service, made %(when)s, is waiting for review: only one "
        "waits at a time. Ask a publisher to review it first, then open the service again."
    ) % {
        "editor": proposal.proposed_by or _("A former curator"),
        "when": date_format(timezone.localtime(proposal.created), "DATETIME_FORMAT"),
    }


def _stale_message(proposal):
    since = changes_since(proposal.service_id, proposal.base_version)
    who = ", ".join(since.editors) or _("someone")
    return _(
        "The service was changed by %(who)s after this change was proposed: publishing it "
        "would undo that. Send it back, so that the editor makes the change again on the "
        "current version."
    ) % {"who": who}


# Saving a proposal through the admin's form, for good or to look.


def apply(proposal, request):
    """Save `proposal` through the admin's change form, as its editor sent it; the caller's
    transaction keeps or rolls back what it wrote. Returns the form's errors (none: saved)."""
    try:
        applying = _request_for(request, proposal)
        response = _service_admin().changeform_view(applying, str(proposal.service_id))
    except Refused as refused:
        return refused.reasons
    except PermissionDenied:
        return [_("You may not change this service.")]
    if response.status_code == 302:
        return []
    return _form_errors(response) or [_("The change could not be saved.")]


def _form_errors(response):
    context = getattr(response, "context_data", None) or {}
    adminform = context.get("adminform")
    errors = []
    if adminform is not None:
        form = adminform.form
        for name, field_errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            errors += [f"{label}: {error}" if label else str(error) for error in field_errors]
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        title = capfirst(formset.model._meta.verbose_name_plural)
        errors += [f"{title}: {error}" for error in formset.non_form_errors()]
        for form in formset.forms:
            for name, field_errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                errors += [f"{title}: {label}: {error}" for error in field_errors]
    return errors


@contextmanager
def applied(proposal, request):
    """Inside the block the database holds the service as publishing `proposal` would leave it
    (as it is, for None); after it, as before. Yields the errors that kept it from saving."""
    try:
        with transaction.atomic(using=_db()):
            errors = apply(proposal, request) if proposal is not None else []
            try:
                yield errors
            finally:
                transaction.set_rollback(True, using=_db())
    finally:
        # Pages worked out meanwhile were kept under the cache version the save moved on to.
        forget_counts()


# Reading: the comparison, the preview, what the change form says.


@dataclass
class Part:
    """One kind of a service's rows (phones, hours, ...): what a proposal adds, removes,
    changes."""

    title: str
    added: list = field(default_factory=list)  # (row, [(label, value)])
    removed: list = field(default_factory=list)  # (row, [(label, value)])
    changed: list = field(default_factory=list)  # (row, [(label, old, new)])


@dataclass
class Comparison:
    fields: list = field(default_factory=list)  # (label, old, new)
    terms_removed: list = field(default_factory=list)
    terms_added: list = field(default_factory=list)
    parts: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.fields or self.terms_removed or self.terms_added or self.parts)


@dataclass
class Review:
    proposal: object
    comparison: Comparison | None = None
    errors: list = field(default_factory=list)
    stale: str = ""
    changes_since: list = field(default_factory=list)  # (label, old, new)


def review(proposal, request):
    """What a publisher reads before publishing `proposal`."""
    result = Review(proposal)
    if not proposal.is_pending or not proposal.is_change:
        return result
    if proposal.is_stale:
        result.stale = _stale_message(proposal)
        result.changes_since = changes_since(proposal.service_id, proposal.base_version).fields
        return result
    before = _snapshot(proposal.service_id)
    with applied(proposal, request) as errors:
        after = None if errors else _snapshot(proposal.service_id)
    result.errors = errors
    if after is not None:
        result.comparison = _compare(before, after)
    return result


def _display(obj, model_field):
    if model_field.choices:
        value = getattr(obj, f"get_{model_field.name}_display")()
    elif model_field.is_relation:
        value = getattr(obj, model_field.name)
    else:
        value = model_field.value_from_object(obj)
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _compared_fields(model, skip=()):
    return [
        model_field
        for model_field in model._meta.concrete_fields
        if model_field.name not in NOT_COMPARED and model_field.name not in skip
    ]


def _snapshot(service_pk):
    service = Service.objects.select_related("organization", "program", "assured_by").get(
        pk=service_pk
    )
    fields = {
        str(capfirst(model_field.verbose_name)): _display(service, model_field)
        for model_field in _compared_fields(Service)
    }
    terms = {
        term.pk: str(term)
        for term in TaxonomyTerm.objects.filter(services=service).select_related("taxonomy")
    }
    parts = []
    for inline in _service_admin().inlines:
        model = inline.model
        link = _get_foreign_key(Service, model, fk_name=getattr(inline, "fk_name", None))
        compared = _compared_fields(model, skip={link.name})
        rows = {
            row.pk: (str(row), {str(capfirst(f.verbose_name)): _display(row, f) for f in compared})
            for row in model._default_manager.filter(**{link.name: service_pk})
        }
        parts.append((str(capfirst(model._meta.verbose_name_plural)), rows))
    return {"fields": fields, "terms": terms, "parts": parts}


def _compare(before, after):
    comparison = Comparison()
    comparison.fields = [
        (label, old, after["fields"].get(label, ""))
        for label, old in before["fields"].items()
        if old != after["fields"].get(label, "")
    ]
    comparison.terms_removed = sorted(
        name for pk, name in before["terms"].items() if pk not in after["terms"]
    )
    comparison.terms_added = sorted(
        name for pk, name in after["terms"].items() if pk not in before["terms"]
    )
    for (title, old_rows), (_title, new_rows) in zip(before["parts"], after["parts"], strict=True):
        part = Part(title)
        for pk, (name, values) in new_rows.items():
            if pk not in old_rows:
                part.added.append((name, [(k, v) for k, v in values.items() if v]))
                continue
            old_values = old_rows[pk][1]
            changed = [
                (k, old_values.get(k, ""), v)
                for k, v in values.items()
                if old_values.get(k, "") != v
            ]
            if changed:
                part.changed.append((name, changed))
        for pk, (name, values) in old_rows.items():
            if pk not in new_rows:
                part.removed.append((name, [(k, v) for k, v in values.items() if v]))
        if part.added or part.removed or part.changed:
            comparison.parts.append(part)
    return comparison


def preview(request, service_pk):
    """The public page of a draft or of a waiting change, as visitors will see it once
    published; for curators only (a 404 for anyone else, as for a page that is not there)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("resources.view_service")):
        raise Http404
    service = Service.objects.filter(pk=service_pk).first()
    if service is None:
        raise Http404
    proposal = ProposedChange.objects.pending().changes().filter(service=service).first()
    # ?language=es: the page as visitors of the Spanish pages will see it (issue 17).
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language")
    language = language if language in languages else translation.get_language()
    with applied(proposal, request) as errors, translation.override(language):
        shown = Service.objects.for_detail_page().get(pk=service.pk)
        similar = list(Service.objects.published().exclude(pk=shown.pk).similar_to(shown))
        prefetch_for_detail_page(shown, similar)
        response = render(
            request,
            "resources/service_detail.html",
            {
                "service": shown,
                "similar": similar,
                "preview": {
                    "proposal": proposal,
                    "errors": errors,
                    "back": reverse("admin:resources_service_change", args=[service.pk]),
                    "other_languages": [code for code in languages if code != language],
                },
            },
        )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def change_form_notes(request, service):
    """What the change form says of reviews: the change waiting, the note sent back to this
    curator, whether they may mark the draft ready."""
    if service is None:
        return {}
    proposals = ProposedChange.objects.filter(service=service).select_related(
        "proposed_by", "decided_by"
    )
    waiting = proposals.waiting().first()
    sent_back = proposals.sent_back_to(request.user).first()
    if (
        sent_back is not None
        and proposals.filter(proposed_by=request.user, created__gt=sent_back.created).exists()
    ):
        sent_back = None  # answered by a later proposal of theirs
    return {
        "waiting": waiting,
        "waiting_is_mine": waiting is not None and waiting.proposed_by_id == request.user.pk,
        "sent_back": sent_back,
        "proposes": service.is_published and not may_publish(request.user),
        "may_mark_ready": service.status == Service.Status.DRAFT and waiting is None,
        "may_publish": may_publish(request.user),
    }
