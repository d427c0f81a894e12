"""Nothing is lost: history with the user, soft delete and restore, and the stale-edit conflict (DESIGN.md §4)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers import form_data
from township.forms import PersonForm, VillageForm
from township.models import Person, Role, Village


def edit_data(record, **changes):
    form_class = VillageForm if isinstance(record, Village) else PersonForm
    return form_data(form_class(instance=record, township=record.township)) | changes


@pytest.fixture
def admin(admin_user, client_for):
    return client_for(admin_user)


def test_adding_a_village_records_history_with_the_user(admin, admin_user, daxi):
    data = form_data(VillageForm(township=daxi)) | {"name": "清泉村", "households": "458"}
    response = admin.post(reverse("villages:add"), data)
    village = Village.objects.get(name="清泉村")
    assert response.status_code == 302 and response["Location"] == reverse("villages:detail", args=[village.pk])
    (entry,) = village.history.all()
    assert (entry.history_type, entry.history_user, entry.version) == ("+", admin_user, 1)


def test_editing_records_history_with_the_user_and_the_change(admin, admin_user, village):
    response = admin.post(reverse("villages:edit", args=[village.pk]), edit_data(village, households="700"))
    assert response.status_code == 302
    village.refresh_from_db()
    assert (village.households, village.version) == (700, 2)
    latest = village.history.order_by("-history_id").first()
    assert (latest.history_type, latest.history_user, latest.version) == ("~", admin_user, 2)
    assert [(c.field, c.old, c.new) for c in latest.diff_against(latest.prev_record).changes
            if c.field == "households"] == [("households", 607, 700)]


def test_editing_a_person_records_history_with_the_user(admin, admin_user, person, second_village):
    admin.post(reverse("people:edit", args=[person.pk]), edit_data(person, village=str(second_village.pk)))
    latest = person.history.order_by("-history_id").first()
    assert latest.history_user == admin_user and latest.village_id == second_village.pk


def test_detail_page_shows_the_history_panel_with_who_changed_what(admin, admin_user, village):
    admin.post(reverse("villages:edit", args=[village.pk]), edit_data(village, households="700", note="已核实"))
    page = admin.get(reverse("villages:detail", args=[village.pk])).content.decode()
    assert "修改记录" in page
    assert "户数：607 → 700" in page
    assert "备注：（空） → 已核实" in page
    assert page.count('class="border-bottom py-2 history-change"') == 2  # created, then changed
    assert str(admin_user) in page


def test_deleted_village_leaves_the_list_and_the_admin_restores_it(admin, admin_user, village, second_village):
    confirm = admin.get(reverse("villages:delete", args=[village.pk]))
    assert confirm.status_code == 200 and "确认删除" in confirm.content.decode()
    response = admin.post(reverse("villages:delete", args=[village.pk]))
    assert response.status_code == 302
    assert not Village.objects.filter(pk=village.pk).exists()
    assert Village.all_objects.get(pk=village.pk).deleted_at is not None
    assert [row["record"] for row in admin.get(reverse("villages:list")).context["rows"]] == [second_village]
    assert admin.get(reverse("villages:detail", args=[village.pk])).status_code == 404

    deleted_page = admin.get(reverse("villages:deleted"))
    assert [str(r) for r in deleted_page.context["records"]] == [village.name]
    assert reverse("villages:restore", args=[village.pk]) in deleted_page.content.decode()

    restored = admin.post(reverse("villages:restore", args=[village.pk]))
    assert restored.status_code == 302 and restored["Location"] == reverse("villages:detail", args=[village.pk])
    assert Village.objects.get(pk=village.pk).deleted_at is None
    assert {row["record"] for row in admin.get(reverse("villages:list")).context["rows"]} == {village, second_village}
    assert list(admin.get(reverse("villages:deleted")).context["records"]) == []
    history = list(Village.all_objects.get(pk=village.pk).history.order_by("history_id"))
    assert [h.history_type for h in history] == ["+", "~", "~"]
    assert all(h.history_user == admin_user for h in history[1:])
    assert [h.deleted_at is None for h in history] == [True, False, True]


def test_deleted_person_is_restored_with_its_village(admin, person, village):
    admin.post(reverse("people:delete", args=[person.pk]))
    assert not Person.objects.filter(pk=person.pk).exists()
    admin.post(reverse("people:restore", args=[person.pk]))
    assert Person.objects.get(pk=person.pk).village == village


def test_restoring_a_village_whose_name_was_reused_is_refused_with_a_message(admin, daxi, village):
    admin.post(reverse("villages:delete", args=[village.pk]))
    Village.objects.create(township=daxi, name=village.name)
    response = admin.post(reverse("villages:restore", args=[village.pk]), follow=True)
    assert response.status_code == 200
    assert "无法恢复" in response.content.decode() and "同名" in response.content.decode()
    assert Village.all_objects.get(pk=village.pk).deleted_at is not None


def test_restoring_a_record_that_is_not_deleted_changes_nothing(admin, village):
    response = admin.post(reverse("villages:restore", args=[village.pk]))
    assert response.status_code == 302
    village.refresh_from_db()
    assert village.version == 1 and village.history.count() == 1


def test_stale_edit_is_refused_with_who_changed_what_and_overwrites_nothing(admin, admin_user, daxi, village, client_for):
    second_admin = UserFactory(username="admin2", first_name="王正权", role=Role.ADMIN, township=daxi)
    other = client_for(second_admin)
    first_form = admin.get(reverse("villages:edit", args=[village.pk])).context["form"]
    second_form = other.get(reverse("villages:edit", args=[village.pk])).context["form"]
    assert first_form["version"].value() == second_form["version"].value() == 1

    saved = admin.post(reverse("villages:edit", args=[village.pk]), form_data(first_form) | {"households": "700"})
    assert saved.status_code == 302

    stale = other.post(reverse("villages:edit", args=[village.pk]), form_data(second_form) | {"population": "9999"})
    assert stale.status_code == 409
    message = " ".join(stale.context["form"].non_field_errors())
    assert str(admin_user) in message
    assert "户数：607 → 700" in message
    assert "没有保存" in message
    assert message in stale.content.decode()
    village.refresh_from_db()
    assert (village.households, village.population, village.version) == (700, 4758, 2)
    assert village.history.count() == 2


def test_a_fresh_form_after_a_conflict_saves(admin, daxi, village, client_for):
    other = client_for(UserFactory(username="admin2", role=Role.ADMIN, township=daxi))
    url = reverse("villages:edit", args=[village.pk])
    stale_form = other.get(url).context["form"]
    admin.post(url, form_data(admin.get(url).context["form"]) | {"households": "700"})
    assert other.post(url, form_data(stale_form) | {"population": "1"}).status_code == 409
    fresh = other.post(url, form_data(other.get(url).context["form"]) | {"population": "1"})
    assert fresh.status_code == 302
    village.refresh_from_db()
    assert (village.households, village.population, village.version) == (700, 1, 3)


def test_invalid_edit_shows_chinese_errors_and_saves_nothing(admin, village):
    response = admin.post(reverse("villages:edit", args=[village.pk]), edit_data(village, name="", households="-5"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "这个字段是必填项" in " ".join(errors["name"])
    assert "households" in errors
    village.refresh_from_db()
    assert village.version == 1 and village.history.count() == 1


def test_adding_a_duplicate_village_name_is_refused_in_chinese(admin, daxi, village):
    data = form_data(VillageForm(township=daxi)) | {"name": village.name}
    response = admin.post(reverse("villages:add"), data)
    assert response.status_code == 400
    assert "本镇已有同名的村（社区）" in response.content.decode()
    assert Village.objects.filter(name=village.name).count() == 1


def test_renaming_a_village_to_the_name_of_another_is_refused_in_chinese(admin, village, second_village):
    response = admin.post(reverse("villages:edit", args=[second_village.pk]), edit_data(second_village, name=village.name))
    assert response.status_code == 400
    assert "本镇已有同名的村（社区）" in response.content.decode()
    second_village.refresh_from_db()
    assert second_village.name == "酉水村"


def test_the_name_of_a_deleted_village_may_be_used_again(admin, daxi, village):
    admin.post(reverse("villages:delete", args=[village.pk]))
    response = admin.post(reverse("villages:add"), form_data(VillageForm(township=daxi)) | {"name": village.name})
    assert response.status_code == 302
    assert Village.objects.get(name=village.name).pk != village.pk


def test_the_same_village_name_in_another_township_is_fine(client_for, other_admin_user, village):
    form = VillageForm(township=other_admin_user.membership.township)
    response = client_for(other_admin_user).post(reverse("villages:add"), form_data(form) | {"name": village.name})
    assert response.status_code == 302
    assert Village.objects.filter(name=village.name).count() == 2


@pytest.mark.parametrize(("field", "value", "message"), [
    # beyond every database's range (SQLite takes 64-bit integers in any integer column)
    ("households", "99999999999999999999", "确保该值小于或等于"),
    ("group_count", "-1", "确保该值大于或等于"),
    ("households", "很多", "输入整数"),
    ("name", "村" * 65, "不超过 64 字符"),
    ("kind", "street", "选择一个有效的选项"),
    ("version", "abc", "输入整数"),
])
def test_bad_village_form_input_gets_a_chinese_error_not_a_500(field, value, message, admin, village):
    response = admin.post(reverse("villages:edit", args=[village.pk]), edit_data(village, **{field: value}))
    assert response.status_code == 400
    errors = " ".join(str(e) for errs in response.context["form"].errors.values() for e in errs)
    assert message in errors
    village.refresh_from_db()
    assert village.version == 1


def test_a_person_cannot_be_put_in_a_village_of_another_township(admin, person, other_village):
    response = admin.post(reverse("people:edit", args=[person.pk]), edit_data(person, village=str(other_village.pk)))
    assert response.status_code == 400
    assert "选择一个有效的选项" in " ".join(response.context["form"].errors["village"])
    person.refresh_from_db()
    assert person.village != other_village


def test_a_bad_phone_number_is_refused_in_chinese(admin, person):
    response = admin.post(reverse("people:edit", args=[person.pk]), edit_data(person, phone="12345"))
    assert response.status_code == 400
    assert "phone" in response.context["form"].errors
    person.refresh_from_db()
    assert person.version == 1


def test_an_edit_without_the_version_it_was_loaded_at_is_refused(admin, village):
    data = edit_data(village, households=999)
    data.pop("version")
    response = admin.post(reverse("villages:edit", args=[village.pk]), data)
    assert response.status_code == 400
    assert "表单已过期" in response.content.decode()
    village.refresh_from_db()
    assert village.households != 999
