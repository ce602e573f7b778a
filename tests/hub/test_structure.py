"""Parent and child page types are restricted so the tree stays tidy."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage, BlogPostPage
from cases.models import (
    ClusterIndexPage,
    ClusterPage,
    FindingIndexPage,
    FindingPage,
    ReportIndexPage,
    ReportPage,
    StoryIndexPage,
    SuccessStoryPage,
)
from hub.models import HomePage, StandardPage

SECTIONS = [ClusterIndexPage, StoryIndexPage, FindingIndexPage, ReportIndexPage, BlogIndexPage]

# Each content page type and the one section it lives in.
LEAVES = {
    ClusterPage: ClusterIndexPage,
    SuccessStoryPage: StoryIndexPage,
    FindingPage: FindingIndexPage,
    ReportPage: ReportIndexPage,
    BlogPostPage: BlogIndexPage,
}

ALL_TYPES = [HomePage, StandardPage, *SECTIONS, *LEAVES]


class TestPageTypeRules(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_the_sections(self):
        self.assertCanCreateAt(Page, HomePage)
        for section in SECTIONS:
            self.assertCanCreateAt(HomePage, section)
        self.assertCanCreateAt(HomePage, StandardPage)
        for leaf in LEAVES:
            self.assertCanNotCreateAt(HomePage, leaf)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_sections_sit_only_under_the_home_page(self):
        for section in SECTIONS:
            for parent in ALL_TYPES:
                if parent is HomePage:
                    continue
                self.assertCanNotCreateAt(parent, section)
            self.assertCanNotCreateAt(Page, section)

    def test_each_content_type_sits_only_in_its_own_section(self):
        for leaf, section in LEAVES.items():
            self.assertCanCreateAt(section, leaf)
            for parent in ALL_TYPES:
                if parent is not section:
                    self.assertCanNotCreateAt(parent, leaf)

    def test_sections_hold_only_their_own_content_type(self):
        for leaf, section in LEAVES.items():
            self.assertAllowedSubpageTypes(section, {leaf})

    def test_content_pages_are_leaves(self):
        for leaf in LEAVES:
            self.assertAllowedSubpageTypes(leaf, set())

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


@pytest.mark.parametrize("leaf,section", LEAVES.items(), ids=lambda m: m.__name__)
def test_allowed_parents_are_exactly_the_section(leaf, section):
    assert leaf.allowed_parent_page_models() == [section]


@pytest.mark.parametrize("model", SECTIONS, ids=lambda m: m.__name__)
def test_sections_allowed_parents_are_exactly_the_home_page(model):
    assert model.allowed_parent_page_models() == [HomePage]


@pytest.mark.parametrize("section", SECTIONS, ids=lambda m: m.__name__)
def test_one_section_of_each_kind_per_home_page(hub_tree, section):
    """The tree already has one section of each kind under each language's home page."""
    for home in (hub_tree.da.home, hub_tree.en.home):
        assert section.objects.child_of(home).count() == 1
        assert not section.can_create_at(home), f"a second {section.__name__} could be created"


def test_a_new_home_page_could_take_each_section(hub_tree):
    """The limit is per parent, not site-wide: a new (empty) home page accepts every section."""
    new_home = Page.get_first_root_node().add_child(instance=HomePage(title="Tom", slug="tom"))
    for section in SECTIONS:
        assert section.can_create_at(new_home)


def test_reports_only_under_the_report_archive(hub_tree):
    da = hub_tree.da
    assert ReportPage.can_create_at(da.report_index)
    for parent in (da.home, da.cluster_index, da.mols, da.story_index, da.blog_index, da.about):
        assert not ReportPage.can_create_at(parent), f"ReportPage allowed under {parent!r}"


def test_clusters_only_under_the_cluster_index(hub_tree):
    da = hub_tree.da
    assert ClusterPage.can_create_at(da.cluster_index)
    for parent in (da.home, da.report_index, da.mols, da.story1):
        assert not ClusterPage.can_create_at(parent)


def test_leaf_pages_accept_no_children(hub_tree):
    da = hub_tree.da
    for leaf in (da.mols, da.story1, da.finding1, da.mols_mapping, da.post1):
        for model in ALL_TYPES:
            assert not model.can_create_at(leaf), f"{model.__name__} allowed under {type(leaf).__name__}"
