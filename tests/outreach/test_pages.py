"""The outreach pages as people use them: a village clerk's events (their village alone), photos with the
event, a double click, a county viewer, another township, and bad input that never gives a 500."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image

from outreach.area import AREA
from outreach.forms import EventForm
from outreach.models import Event, LegalInformant, Occasion
from tests.factories import VillageFactory
from tests.helpers import form_data, upload
from tests.outreach.factories import (
    DemocracyVillageFactory,
    EventFactory,
    LegalInformantFactory,
    OnlinePostFactory,
    OnsiteServiceFactory,
    VenueFactory,
)
from township.models import Attachment

D = datetime.date


def jpeg(colour="red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def event_data(township, user=None, **values):
    data = form_data(EventForm(township=township, user=user))
    data.update({"date": "2025-05-20", "title": "民法典进村讲座", "occasion_other": "民法典", "kind": "lecture",
                 "target_groups": ["elderly"], "speaker": "龙海燕", "materials": "30", "audience": "45"})
    data.update(values)
    return data


@pytest.fixture
def events(daxi, village, second_village):
    """An event of the village clerk's village, one of another village, one shared by both."""
    return {
        "own": EventFactory(township=daxi, villages=[village], title="本村活动"),
        "other": EventFactory(township=daxi, villages=[second_village], title="他村活动"),
        "shared": EventFactory(township=daxi, villages=[village, second_village], title="联合活动"),
    }


# --- a village clerk enters their own village's events -------------------------------------------------


def test_village_clerk_lists_the_events_held_in_their_village(events, village_clerk_user, client_for, as_year):
    response = client_for(as_year(village_clerk_user, 2025)).get(reverse("outreach_events:list"))
    assert {row["record"].title for row in response.context["rows"]} == {"本村活动", "联合活动"}


def test_village_clerk_records_an_event_in_their_village_with_photos(daxi, village, village_clerk_user, client_for,
                                                                     media_root):
    data = event_data(daxi, village_clerk_user, photos=[upload("现场1.jpg", jpeg()), upload("现场2.jpg", jpeg("blue"))])
    response = client_for(village_clerk_user).post(reverse("outreach_events:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert list(event.villages.all()) == [village]  # their own village, ticked for them
    photos = Attachment.objects.filter(object_id=event.pk, content_type__model="event")
    assert sorted(photos.values_list("original_name", flat=True)) == ["现场1.jpg", "现场2.jpg"]
    assert {photo.uploaded_by for photo in photos} == {village_clerk_user}


def test_a_photo_that_is_not_a_photo_is_refused_and_nothing_is_saved(daxi, village_clerk_user, client_for, media_root):
    data = event_data(daxi, village_clerk_user)
    data["photos"] = [upload("现场.jpg", b"MZ\x90\x00 not a jpeg")]
    response = client_for(village_clerk_user).post(reverse("outreach_events:add"), data)
    assert response.status_code == 400 and "文件内容与扩展名不符" in response.content.decode()
    assert Event.objects.count() == 0 and Attachment.objects.count() == 0


def test_village_clerk_cannot_record_an_event_in_another_village(daxi, second_village, village_clerk_user, client_for):
    data = event_data(daxi, village_clerk_user, villages=[second_village.pk])  # a tampered form
    response = client_for(village_clerk_user).post(reverse("outreach_events:add"), data)
    assert response.status_code == 400 and Event.objects.count() == 0


@pytest.mark.parametrize("route", ["edit", "delete"])
def test_village_clerk_sees_a_shared_event_but_may_not_change_it(events, village_clerk_user, client_for, route):
    client = client_for(village_clerk_user)
    assert client.get(reverse("outreach_events:detail", args=[events["shared"].pk])).status_code == 200
    assert client.get(reverse(f"outreach_events:{route}", args=[events["shared"].pk])).status_code == 403
    assert client.get(reverse(f"outreach_events:{route}", args=[events["other"].pk])).status_code == 404
    assert client.get(reverse(f"outreach_events:{route}", args=[events["own"].pk])).status_code == 200


def test_village_clerk_cannot_move_their_event_into_a_shared_one(events, daxi, second_village, village_clerk_user,
                                                                client_for):
    own = events["own"]
    data = form_data(EventForm(instance=own, township=daxi, user=village_clerk_user))
    data["villages"] = [own.villages.get().pk, second_village.pk]
    response = client_for(village_clerk_user).post(reverse("outreach_events:edit", args=[own.pk]), data)
    assert response.status_code == 400
    assert list(own.villages.all()) == [events["own"].villages.get()]


def test_village_clerk_has_no_list_of_township_records(daxi, village_clerk_user, client_for):
    OnlinePostFactory(township=daxi)
    client = client_for(village_clerk_user)
    assert client.get(reverse("outreach_posts:list")).status_code == 404
    assert client.get(reverse("outreach_occasions:list")).status_code == 404


# --- everyone else ---------------------------------------------------------------------------------------


def test_a_double_click_saves_one_event(daxi, village, clerk_user, client_for):
    client = client_for(clerk_user)
    form = client.get(reverse("outreach_events:add")).context
    data = event_data(daxi, clerk_user, villages=[village.pk], _submission=form["submission_token"])
    first = client.post(reverse("outreach_events:add"), data)
    second = client.post(reverse("outreach_events:add"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] and Event.objects.count() == 1


def test_county_viewer_reads_but_never_changes(events, county_user, client_for, daxi):
    client = client_for(county_user)
    assert client.get(reverse("outreach_events:list") + "?township=daxi&year=2025").status_code == 200
    assert client.get(reverse("outreach_events:detail", args=[events["own"].pk]) + "?township=daxi").status_code == 200
    assert client.get(reverse("outreach_events:add") + "?township=daxi").status_code == 403
    assert client.post(reverse("outreach_events:edit", args=[events["own"].pk]) + "?township=daxi",
                       {"title": "改"}).status_code == 403


def test_another_townships_event_is_a_404(events, other_admin_user, client_for):
    client = client_for(other_admin_user)
    for route in ["detail", "edit", "delete"]:
        assert client.get(reverse(f"outreach_events:{route}", args=[events["own"].pk])).status_code == 404


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"audience": "-5"}, "audience", "0"),
    ({"audience": "约100人"}, "audience", "整数"),
    ({"date": "2099-01-01"}, "date", "不能晚于今天"),
    ({"customised": "on", "target_groups": ["public"]}, "target_groups", "重点群体"),
    ({"by_legal_adviser": "on", "speaker": ""}, "speaker", "法律顾问的姓名"),
    ({"villages": [], "place": ""}, "villages", "村（社区）"),
    ({"target_groups": ["nobody"]}, "target_groups", "nobody"),
])
def test_bad_input_is_a_400_with_the_reason(daxi, admin_user, client_for, values, field, message):
    response = client_for(admin_user).post(reverse("outreach_events:add"), event_data(daxi, admin_user, **values))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in str(errors[field]), errors
    assert Event.objects.count() == 0


def test_an_occasion_from_the_list_and_a_theme_at_once_is_refused(daxi, village, admin_user, client_for):
    occasion = Occasion.objects.filter(township=daxi).first()
    data = event_data(daxi, admin_user, villages=[village.pk], occasion=occasion.pk, occasion_other="另一个主题")
    response = client_for(admin_user).post(reverse("outreach_events:add"), data)
    assert response.status_code == 400 and "occasion_other" in response.context["form"].errors


def test_informants_of_a_village_below_the_minimum_carry_a_badge(daxi, village, second_village, admin_user,
                                                                  client_for):
    for _ in range(3):
        LegalInformantFactory(township=daxi, village=village)
    LegalInformantFactory(township=daxi, village=second_village)
    response = client_for(admin_user).get(reverse("legal_informants:list"))
    badges = {row["record"].village.name: [b.label for b in row["badges"]] for row in response.context["rows"]}
    assert badges == {"大溪社区": [], "酉水村": ["本村不足3名"]}
    below = client_for(admin_user).get(reverse("legal_informants:list") + "?below_minimum=true")
    assert [row["record"].village.name for row in below.context["rows"]] == ["酉水村"]
    record = LegalInformant.objects.filter(village=second_village).get()
    detail = client_for(admin_user).get(reverse("legal_informants:detail", args=[record.pk]))
    assert "本村不足3名" in detail.content.decode()


def test_every_outreach_page_opens_for_the_admin(daxi, village, admin_user, client_for):
    records = [EventFactory(township=daxi, villages=[village]), OnlinePostFactory(township=daxi),
               VenueFactory(township=daxi, village=village), LegalInformantFactory(township=daxi, village=village),
               OnsiteServiceFactory(township=daxi, village=village),
               DemocracyVillageFactory(township=daxi, village=VillageFactory(township=daxi, name="兴隆村")),
               Occasion.objects.filter(township=daxi).first()]
    client = client_for(admin_user)
    assert client.get(reverse("outreach")).status_code == 200
    for ledger, record in zip(AREA.ledgers, records, strict=True):
        assert isinstance(record, ledger.model)
        for route in ["list", "add", "export", "import", "import_template", "deleted"]:
            assert client.get(reverse(f"{ledger.slug}:{route}") + "?year=2025").status_code == 200, (ledger.slug, route)
        for route in ["detail", "edit", "delete"]:
            assert client.get(reverse(f"{ledger.slug}:{route}", args=[record.pk])).status_code == 200, (ledger.slug, route)


TAMPERED = [
    "/outreach/events/?quarter=9", "/outreach/events/?target_group=xyz&customised=maybe", "/outreach/events/?villages=abc",
    "/outreach/events/?sort=__class__", "/outreach/events/999999/", "/outreach/events/999999/edit/",
    "/outreach/informants/?below_minimum=perhaps", "/outreach/venues/?upgraded_year=abc&named_year=99999999999999999999",
    "/outreach/events/export/?format=csv&quarter=4&target_group=minors", "/outreach/democracy-villages/?year=1900",
    "/outreach/events/?occasion=999999", "/outreach/services/?village=-1", "/outreach/events/?year=99999",
    "/outreach/events/?page=999", "/outreach/occasions/?fixed_date=2",
]


@pytest.mark.parametrize("role", ["admin", "village_clerk", "county"])
def test_tampered_urls_never_give_a_500(events, users, client_for, role):
    client = client_for(users[role], raise_request_exception=False)
    statuses = {url: client.get(url + ("&" if "?" in url else "?") + "township=daxi").status_code for url in TAMPERED}
    assert set(statuses.values()) <= {200, 403, 404}, statuses


def test_a_tampered_event_form_is_a_400_with_every_field_named(daxi, admin_user, client_for):
    data = {"date": "2025-03-01", "title": "长" * 500, "kind": "zzz", "audience": "99999999999999999999", "materials": "-1",
            "villages": ["abc"], "target_groups": ["x"], "occasion": "999999", "version": "1"}
    response = client_for(admin_user).post(reverse("outreach_events:add"), data)
    assert response.status_code == 400
    assert {"title", "kind", "audience", "materials", "villages", "target_groups", "occasion"} <= set(
        response.context["form"].errors)


def test_an_occasion_on_a_day_its_month_has_not_is_refused(daxi, admin_user, client_for):
    response = client_for(admin_user).post(reverse("outreach_occasions:add"),
                                           {"name": "二月三十日", "month": "2", "day": "30", "version": "1"})
    assert response.status_code == 400 and "2月没有30日" in str(response.context["form"].errors["day"])
