"""The townships that exist before the outreach area get the national occasions a new township gets
(outreach.occasions.seed_new_township)."""

from django.db import migrations

from outreach.rules import NATIONAL_OCCASIONS


def add_national_occasions(apps, schema_editor):
    Township = apps.get_model("township", "Township")
    Occasion = apps.get_model("outreach", "Occasion")
    for township in Township.objects.all():
        known = set(Occasion.objects.filter(township=township).values_list("name", flat=True))
        Occasion.objects.bulk_create([
            Occasion(township=township, name=name, month=month, day=day)
            for name, month, day in NATIONAL_OCCASIONS if name not in known
        ])


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_initial")]

    operations = [migrations.RunPython(add_national_occasions, migrations.RunPython.noop)]
