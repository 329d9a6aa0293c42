"""The access rules themselves (directory/providers/access.py): whose organisations, which group, who is the team."""

import pytest
from django.contrib.auth.models import Group

from directory.factories import OrganisationPageFactory
from directory.models import OrganisationPage
from directory.providers.access import (
    PROVIDER_GROUP_PREFIX,
    give_provider_access,
    is_directory_team,
    organisations_for,
    provider_group_for,
    provider_groups,
    provider_users,
    remove_provider_access,
)
from tests.people import make_user

pytestmark = pytest.mark.django_db


def test_a_provider_reaches_their_own_organisations_and_no_other(provider_a, provider_b, org_a, org_b, area):
    third = OrganisationPageFactory(title="Curlew Carers", slug="curlew")
    give_provider_access(provider_a, third)

    assert set(organisations_for(provider_a)) == {org_a.specific, third.specific}
    assert list(organisations_for(provider_b)) == [org_b.specific]


def test_a_group_that_is_not_a_providers_gives_no_organisation(org_a, org_b):
    user = make_user("gail")
    # A group holding page permissions on an organisation, but not named as a provider group.
    group = provider_group_for(org_a)
    group.name = "Volunteers"
    group.save()
    user.groups.add(group)

    assert list(organisations_for(user)) == []


def test_the_team_and_superusers_reach_every_organisation(moderator, org_a, org_b):
    superuser = make_user("sue", is_superuser=True)

    assert set(organisations_for(moderator)) == set(OrganisationPage.objects.all()) == {org_a.specific, org_b.specific}
    assert set(organisations_for(superuser)) == {org_a.specific, org_b.specific}


def test_an_inactive_team_member_is_not_the_team(moderator):
    assert is_directory_team(moderator)
    moderator.is_active = False
    moderator.save()

    assert not is_directory_team(moderator)
    assert not is_directory_team(make_user("nobody"))


def test_two_organisations_with_one_name_get_two_groups(area):
    first = OrganisationPageFactory(title="Sure Start", slug="sure-start-1")
    second = OrganisationPageFactory(title="Sure Start", slug="sure-start-2")

    one, two = provider_group_for(first), provider_group_for(second)

    assert one.name == PROVIDER_GROUP_PREFIX + "Sure Start"
    assert two.name == f"{PROVIDER_GROUP_PREFIX}Sure Start (#{second.pk})"
    assert list(provider_groups(first)) == [one]
    assert list(provider_groups(second)) == [two]


def test_a_long_name_is_cut_to_fit_the_group_name(area):
    organisation = OrganisationPageFactory(title="A" * 200, slug="long")

    assert provider_group_for(organisation).name == PROVIDER_GROUP_PREFIX + "A" * 120


def test_provider_users_are_the_active_members_of_that_organisations_group(provider_a, provider_b, org_a):
    assert list(provider_users(org_a)) == [provider_a]
    provider_a.is_active = False
    provider_a.save()

    assert list(provider_users(org_a)) == []


def test_removing_access_takes_only_that_organisations_group_away(provider_a, org_a, org_b):
    give_provider_access(provider_a, org_b)

    remove_provider_access(provider_a, org_a)

    assert list(organisations_for(provider_a)) == [org_b.specific]
    assert Group.objects.filter(name=PROVIDER_GROUP_PREFIX + org_a.title).exists()


def _publishes(group, page):
    from wagtail.models import GroupPagePermission

    return GroupPagePermission.objects.filter(group=group, page=page, permission__codename="publish_page").exists()


def test_a_trusted_organisations_provider_group_may_publish_from_the_start_and_an_untrusted_ones_may_not(area):
    trusted = OrganisationPageFactory(title="Heron House", slug="heron", trusted=True)
    untrusted = OrganisationPageFactory(title="Ibis Club", slug="ibis", trusted=False)

    assert _publishes(provider_group_for(trusted), trusted)
    assert not _publishes(provider_group_for(untrusted), untrusted)


def test_withdrawing_trust_takes_only_that_groups_publishing_on_that_organisation(area):
    from directory.providers.access import _set_page_permission

    organisation = OrganisationPageFactory(title="Heron House", slug="heron", trusted=True)
    other = OrganisationPageFactory(title="Ibis Club", slug="ibis", trusted=True)
    group = provider_group_for(organisation)
    _set_page_permission(group, other, "publish", True)  # a group an editor widened by hand
    editors = Group.objects.create(name="Weekend editors")
    _set_page_permission(editors, organisation, "publish", True)

    organisation.trusted = False
    provider_group_for(organisation)

    assert not _publishes(group, organisation)
    assert _publishes(group, other)
    assert _publishes(editors, organisation)


def test_only_provider_groups_count_as_an_organisations_provider_groups(org_a):
    from directory.providers.access import _set_page_permission

    group = provider_group_for(org_a)
    editors = Group.objects.create(name="Weekend editors")
    _set_page_permission(editors, org_a, "change", True)

    assert list(provider_groups(org_a)) == [group]
