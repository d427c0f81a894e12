"""Fill the stored due dates of existing disputes and petitions (docs/decisions/0018).

The conditions are those of the models when this migration was written, with the values stored at
this point of the history; `manage.py recompute_due_dates` recomputes them with today's code.
"""

from django.db import migrations

BATCH = 2000


def fill(apps, schema_editor):
    from disputes import rules
    from township.workdays import WorkCalendar

    calendar_days = apps.get_model("township", "CalendarDay")
    calendar = WorkCalendar(dict(calendar_days.objects.values_list("date", "is_workday")))

    def due(deadline):
        return deadline.due

    def dispute_dates(record):
        judicial = None
        if record.status in ("调解成功", "succeeded") and record.closed_on:  # the word before 0007, the value after
            judicial = due(rules.judicial_confirmation_deadline(record.closed_on, calendar=calendar))
        return {
            "mediation_due_on": due(rules.dispute_mediation_deadline(record.registered_on, calendar=calendar)),
            "judicial_confirmation_due_on": judicial,
        }

    def petition_dates(record):
        accepted = record.acceptance in ("受理", "accepted") and record.accepted_on is not None
        return {
            "acceptance_due_on": due(rules.petition_acceptance_deadline(record.received_on, calendar=calendar)),
            "closing_due_on": due(rules.petition_closing_deadline(
                record.accepted_on, record.extension_days, calendar=calendar)) if accepted else None,
            "review_reply_due_on": due(rules.review_reply_deadline(record.review_requested_on, calendar=calendar)),
            "re_review_reply_due_on": due(rules.re_review_reply_deadline(
                record.re_review_requested_on, calendar=calendar)),
        }

    for model_name, dates in (("Dispute", dispute_dates), ("Petition", petition_dates)):
        model = apps.get_model("disputes", model_name)
        last_pk = 0
        while True:  # pages by primary key: no cursor stays open on the table being written
            records = list(model._base_manager.filter(pk__gt=last_pk).order_by("pk")[:BATCH])
            if not records:
                break
            last_pk = records[-1].pk
            for record in records:
                for field, value in dates(record).items():
                    setattr(record, field, value)
            model._base_manager.bulk_update(records, list(dates(records[0])))


class Migration(migrations.Migration):

    dependencies = [
        ("disputes", "0005_stored_due_dates"),
        ("township", "0003_deleted_at_without_index"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
