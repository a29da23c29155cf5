"""The forms visitors fill in: suggest a service, report a problem with an entry."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from resources.models import ProblemReport, Suggestion, TaxonomyTerm
from resources.public import spam

MAX_TEXT_LENGTH = 4000


class GuardedForm(forms.Form):
    """Adds the spam defences that need no request: trap field, fill time, links, betting."""

    # Hidden from people by the stylesheet; automatic form fillers tend to fill it in.
    leave_empty = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    guarded_text_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                # Text fields have no limit in the database; a visitor's message needs one.
                field.max_length = MAX_TEXT_LENGTH
                field.validators.append(MaxLengthValidator(MAX_TEXT_LENGTH))
                field.widget.attrs["maxlength"] = str(MAX_TEXT_LENGTH)
        # Every showing of the form starts the clock again, a refused one included.
        self.initial["started"] = spam.started_token()
        if self.is_bound:
            self.data = self.data.copy()
            self.submitted_started = self.data.get(self.add_prefix("started"), "")
            self.data[self.add_prefix("started")] = self.initial["started"]

    def clean(self):
        cleaned_data = super().clean()
        try:
            spam.check_trap(cleaned_data.get("leave_empty"))
            self.showing = spam.check_fill_time(self.submitted_started)
            spam.check_text(*(self.data.get(name, "") for name in self.guarded_text_fields))
        except spam.Refusal as refusal:
            raise forms.ValidationError(refusal.message, code=refusal.code) from None
        return cleaned_data

    def save_once(self):
        """Store the post, unless this showing of the form was sent before: then store nothing
        and raise spam.AlreadySent."""
        with transaction.atomic():
            spam.use_once(self.showing)
            return self.save()


class SuggestionForm(GuardedForm, forms.ModelForm):
    guarded_text_fields = (
        "name",
        "organization_name",
        "description",
        "phone",
        "address",
        "city",
        "when",
    )

    class Meta:
        model = Suggestion
        fields = [
            "name",
            "organization_name",
            "description",
            "kinds_of_support",
            "phone",
            "website",
            "email",
            "address",
            "city",
            "postal_code",
            "when",
            "suggester_email",
        ]
        labels = {
            "name": _("Name of the service or group"),
            "organization_name": _("Organisation that runs it (if any)"),
            "description": _("What it offers"),
            "kinds_of_support": _("Kinds of support it gives"),
            "phone": _("Phone number"),
            "website": _("Website"),
            "email": _("Its email address"),
            "address": _("Street address"),
            "city": _("City or town"),
            "postal_code": _("ZIP code"),
            "when": _("When it is open or meets"),
            "suggester_email": _("Your email (optional)"),
        }
        help_texts = {
            "description": _("Who it is for and what happens there, in a few sentences."),
            "kinds_of_support": _("Tick every kind that fits."),
            "website": _("For example https://example.org"),
            "address": _("Leave the address empty for phone or online services."),
            "when": _("For example: Tuesdays 6 to 7:30 pm; or every day, around the clock."),
            "suggester_email": _(
                "Only if we may ask you about this suggestion. We do not publish it or use it "
                "for anything else."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "kinds_of_support": forms.CheckboxSelectMultiple,
            "when": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = self.fields["kinds_of_support"]
        kinds.queryset = TaxonomyTerm.objects.kinds_of_support().order_by("position", "name")
        kinds.label_from_instance = lambda term: term.label

    def clean(self):
        cleaned_data = super().clean()
        ways_to_reach = ["phone", "website", "email", "address", "city"]
        if not self.errors and not any(cleaned_data.get(name) for name in ways_to_reach):
            raise forms.ValidationError(
                _(
                    "Please tell us at least one way to reach it: a phone number, a website, "
                    "an email address or where it is."
                ),
                code="no_way_to_reach",
            )
        return cleaned_data


class ProblemReportForm(GuardedForm, forms.ModelForm):
    guarded_text_fields = ("details",)

    class Meta:
        model = ProblemReport
        fields = ["kind", "details", "reporter_email"]
        labels = {
            "kind": _("What is wrong?"),
            "details": _("Tell us more"),
            "reporter_email": _("Your email (optional)"),
        }
        help_texts = {
            "details": _("The right phone number, the new address, or what you found."),
            "reporter_email": _(
                "Only if we may ask you about this report. We do not publish it or use it for "
                "anything else."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A model field with choices offers an empty "---------" choice; radios need none.
        self.fields["kind"].choices = ProblemReport.Kind.choices

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("kind") == ProblemReport.Kind.OTHER and not cleaned_data.get("details"):
            self.add_error("details", _("Please tell us what is wrong."))
        return cleaned_data
