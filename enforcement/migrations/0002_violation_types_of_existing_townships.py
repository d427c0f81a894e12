"""Every township that exists when the enforcement area arrives gets the customary violation categories (new
townships get them when they are created: enforcement.apps.seed_violation_types)."""

from django.db import migrations

DEFAULTS = ("违法建设", "非法焚烧", "违法占地", "其他")


def seed(apps, schema_editor):
    Township = apps.get_model("township", "Township")
    ViolationType = apps.get_model("enforcement", "ViolationType")
    for township in Township.objects.all():
        if not ViolationType.objects.filter(township=township).exists():
            ViolationType.objects.bulk_create(
                ViolationType(township=township, name=name, position=position)
                for position, name in enumerate(DEFAULTS, start=1)
            )


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0001_cases_campaigns_equipment_surveys_decisions")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
