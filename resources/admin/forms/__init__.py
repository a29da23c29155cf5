"""The forms of the curators' admin, by what they edit.

`services` (ServiceAdminForm: terms by facet, the Spanish twins; FACET_FIELDS), `schedules`
(a schedule's rule in plain fields: ScheduleAdminForm, the inline rows' form and formset) and
`records` (what every record's form and inline shares: StoredRecordForm, RecordInlineFormSet,
and the phone form). The ModelAdmins in admin/ import from these modules.
"""
