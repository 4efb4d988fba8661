from django.db import migrations

ROLES = ("Officer", "Supervisor", "Administrator")


def create_groups(apps, schema_editor):
    # The groups' permissions are set after every migrate by liaison.web.roles.sync_role_permissions,
    # once all apps' permissions exist.
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    initial = True
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, remove_groups)]
