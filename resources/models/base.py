import uuid
from contextlib import nullcontext

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE
from django.utils.translation import gettext_lazy as _

# Visitors' text has a Spanish twin field (`<field>_es`) where Spanish pages read it (issue 17).
IN_SPANISH_HELP = _(
    "Shown on Spanish pages. Leave empty to show the English text there, marked as English."
)


class PostgresOnlyGinIndex(GinIndex):
    """A GIN index on PostgreSQL, and nothing elsewhere: SQLite knows no GIN (its search keeps
    an FTS5 table instead), and remakes a table's indexes whenever a migration alters it."""

    # PostgreSQL's own limit on names: Django's 30 characters are for Oracle, which never has
    # this index, and the indexes migrations 0005 and 0011 made are named longer.
    max_name_length = 63

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().remove_sql(model, schema_editor, **kwargs)


class HSDSRecord(models.Model):
    """A record that keeps its Open Referral HSDS id, so data round-trips between systems."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
        verbose_name=_("HSDS id"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        """Django's, without asking the database again whether a related record exists when the
        record already holds that record as read from the database (a form's choice field has
        just read it by its id): the foreign key still refuses one deleted meanwhile."""
        exclude = set(exclude or ())
        for field in self._meta.concrete_fields:
            if field.many_to_one and field.name not in exclude and field.is_cached(self):
                related = field.get_cached_value(self)
                if (
                    related is not None
                    and not related._state.adding
                    and related.pk == getattr(self, field.attname)
                ):
                    exclude.add(field.name)
        super().clean_fields(exclude=exclude)

    def validate_constraints(self, exclude=None):
        """Django's validation of Meta.constraints, with the check constraints asked together.

        Django asks the database about each check constraint in a query of its own (and a
        savepoint around it): a service form with its phones and hours made dozens. Here they
        are asked in one query, as CheckConstraint.validate() asks each; only when one fails
        (or the database cannot say) is each asked on its own, for the same errors and messages.
        Unique constraints are left to Django.
        """
        using = router.db_for_write(self.__class__, instance=self)
        constraints = [
            (model_class, constraint)
            for model_class, model_constraints in self.get_constraints()
            for constraint in model_constraints
        ]
        checks = [
            (model_class, constraint)
            for model_class, constraint in constraints
            if isinstance(constraint, models.CheckConstraint)
            and not (
                exclude
                and constraint._expression_refs_exclude(model_class, constraint.condition, exclude)
            )
        ]
        if checks and self._check_constraints_hold(checks, exclude, using):
            constraints = [entry for entry in constraints if entry not in checks]
        errors = {}
        for model_class, constraint in constraints:
            try:
                constraint.validate(model_class, self, exclude=exclude, using=using)
            except ValidationError as error:
                if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                    errors.setdefault(constraint.fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _check_constraints_hold(self, checks, exclude, using):
        """Whether every one of these check constraints holds: the query of Q.check() with all
        their conditions. False when the database could not answer."""
        connection = connections[using]
        query = Query(None)
        against = self._get_field_expression_map(meta=self._meta, exclude=exclude)
        for name, value in against.items():
            if not hasattr(value, "resolve_expression"):
                value = models.Value(value)
            query.add_annotation(value, name, select=False)
        query.add_annotation(models.Value(1), "_check")
        conditions = [models.Q(constraint.condition) for _model_class, constraint in checks]
        for condition in conditions:
            if connection.features.supports_comparing_boolean_expr:
                # As CheckConstraint.validate(): UNKNOWN does not fail a check constraint.
                condition = Coalesce(condition, True, output_field=models.BooleanField())
            query.add_q(models.Q(condition))
        compiler = query.get_compiler(using=using)
        # Django asks each check in a savepoint (ticket #35712) for conditions in raw SQL, which
        # the database may fail to evaluate and so abort the transaction. Ours compare the
        # row's own values, as the database does on every save: a savepoint, two more queries
        # a row, only where some condition is raw SQL.
        if not any(
            isinstance(node, RawSQL) for condition in conditions for node in condition.flatten()
        ):
            return compiler.execute_sql(SINGLE) is not None
        savepoint = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
        try:
            with savepoint:
                return compiler.execute_sql(SINGLE) is not None
        except DatabaseError:
            return False


class ChangeSetHistory(models.Model):
    """The history row's change set: every row one save writes (a service with its phones,
    hours and places) carries the same id, so the service's history reads as one change."""

    history_change_set = models.UUIDField(_("change set"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True
