"""The curator's page in a real headless Chromium: a short news item becomes a reviewed project by hand.

The coordinator adds what the extractor missed (an owner and partners as new organisations, an actor of
the graph found by search), with the sentence clicked in the document beside the draft as evidence;
renames the project and gives its period; merges an actor; decides what the text only mentions; writes;
and finds all of it in the explorer, each line with its source marked as added by hand.
Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from graphapp.curation import Workspace
from graphapp.records.proposal import Proposal, ProposedNode, ProposedRelationship
from tests.curation.documents import NEWS_ITEM, VANSBRO
from tests.views.conftest import PageWatch
from tests.views.test_browser import assert_clean
from tests.views.test_curate_browser import _patient_expectations, log_in, serving  # noqa: F401 - a fixture

PROJECT = "project:vanskap-pa-planen"
BY_HAND = "(tillagt för hand av granskaren)"


class Steps:
    """The page's controls as a coordinator uses them, counting what she does (a click, a choice, a text typed)."""

    def __init__(self, watch: PageWatch) -> None:
        self.page = watch.page
        self.actions = 0

    def click(self, target: Any) -> None:
        (self.page.locator(target) if isinstance(target, str) else target).click()
        self.actions += 1

    def fill(self, selector: str, text: str) -> None:
        self.page.fill(selector, text)
        self.actions += 1

    def choose(self, selector: str, **option: str) -> None:
        self.page.locator(selector).select_option(**option)
        self.actions += 1

    def sentence(self, words: str) -> None:
        self.click(self.page.locator("#document-text .sentence", has_text=words))

    def add_organisation(self, name: str, role: str, evidence: str, kind: str = "ideell organisation") -> None:
        if not self.page.locator("#add-new").is_visible():
            self.click("#add-form input[value=new]")
        self.fill("#add-org-name", name)
        self.choose("#add-org-kind", label=kind)
        self.choose("#add-org-municipality", label="Vansbro")
        self.choose("#add-role", label=role)
        self.sentence(evidence)
        self.click("#add-form button[type=submit]")
        expect(self.page.locator("#add-status")).to_contain_text(f"Tillagd: {name}")

    def add_known(self, search: str, name: str, role: str, evidence: str) -> None:
        if not self.page.locator("#add-known").is_visible():
            self.click("#add-form input[value=known]")
        self.fill("#add-search", search)
        self.click(self.page.locator("#add-results button", has_text=name).first)
        self.choose("#add-role", label=role)
        self.sentence(evidence)
        self.click("#add-form button[type=submit]")
        expect(self.page.locator("#add-status")).to_contain_text(f"Tillagd: {name}")


def upload(watch: PageWatch, url: str, path: Path) -> None:
    log_in(watch, url)
    watch.page.set_input_files("#upload-file", str(path))
    watch.page.click("#upload-form button[type=submit]")
    watch.page.wait_for_selector("body[data-state=stable]")
    expect(watch.page.locator("#document-text .sentence").first).to_be_visible()


def explorer_row(watch: PageWatch, first: str) -> Any:
    page = watch.page
    cells = page.locator("td:first-child", has_text=re.compile(f"^{re.escape(first)}$"))
    return page.locator("#rel-table tbody tr").filter(has=cells)


def test_a_news_item_becomes_a_project_with_owner_co_funder_and_partners(
    watch: PageWatch, data_copy: Path, tmp_path: Path
) -> None:
    news = tmp_path / "vansbro-nyhet.txt"
    news.write_text(NEWS_ITEM, encoding="utf-8")
    page = watch.page
    steps = Steps(watch)
    with serving(data_copy) as url:
        upload(watch, url, news)
        steps.fill("#project-name", "Vänskap på planen")
        steps.fill("#project-start", "2024-08-01")
        steps.fill("#project-end", "2025-06-30")
        steps.choose("#project-status", value="ongoing")
        steps.click("#project-form button[type=submit]")
        expect(page.locator("#review-heading")).to_contain_text("vansbro-nyhet.txt")
        expect(page.locator("#write-status")).to_contain_text("Projektet är sparat")
        co_funder = page.locator(f'#rel-table tr[data-key="{VANSBRO}|CO_FUNDS|{PROJECT}"]')
        steps.click(co_funder.locator("button.accept"))  # the extractor found the co-funder
        expect(co_funder.locator(".decision")).to_have_text("godtagen")
        steps.add_organisation("Svenska kyrkan i Vansbro", "projektägare", "Svenska kyrkan i Vansbro startar")
        for club in ("Vansbro IK", "Järna SK", "Dala-Järna IK"):
            steps.add_organisation(club, "partner", "tillsammans med")
        owner = page.locator(f'#rel-table tr[data-key="org:svenska-kyrkan-i-vansbro|OWNS|{PROJECT}"]')
        expect(owner.locator(".decision")).to_have_text("godtagen")
        expect(owner.locator(".evidence")).to_contain_text("tillagd för hand")
        expect(owner.locator(".evidence")).to_contain_text("Svenska kyrkan i Vansbro startar i höst projektet")
        watch.screenshot("curate-news-item-by-hand")
        steps.click("#write")
        expect(page.locator("#write-status .written")).to_contain_text("Skrivet: 1 projekt, 7 nya noder, 5 relationer")
        link = page.locator("#write-status a")
        expect(link).to_have_text("Öppna Vänskap på planen i utforskaren")  # the name, not the id
        print(f"\nnews item to reviewed project: {steps.actions} actions on the page")
        assert steps.actions <= 40  # about two minutes for a person at three seconds an action
        steps.click(link)
        watch.wait_stable()
        owns = explorer_row(watch, "Svenska kyrkan i Vansbro")
        expect(owns).to_contain_text("äger")
        expect(owns.locator("td").last).to_have_text(f"Idrott och gemenskap för nyanlända i Vansbro {BY_HAND}")
        for club in ("Vansbro IK", "Järna SK", "Dala-Järna IK"):
            expect(explorer_row(watch, club)).to_contain_text("partner")
        expect(explorer_row(watch, "Vansbro").filter(has_text="medfinansierar")).to_have_count(1)
        watch.screenshot("curate-news-item-in-explorer")
        assert_clean(watch, url)


def test_a_known_actor_is_added_an_actor_merged_and_mentioned_actors_decided(watch: PageWatch, data_copy: Path) -> None:
    doc = "document:" + "b" * 40
    proposal = Proposal(
        source="kort-nyhet.txt",
        kind="document",
        documents={doc: {"title": "Kort nyhet om språkcaféet"}},
        texts={
            doc: "Språkcaféet i Vansbro.\n\nVansbro kommun och Arbetsförmedlingen nämns. "
            "Fryksdalens Sparbank AB ger stöd."
        },
    )
    proposal.add_node(ProposedNode(id="project:sprakcafeet", label="Project", name="Språkcaféet", sources=[doc]))
    proposal.add_node(ProposedNode(id=VANSBRO, label="Municipality", name="Vansbro", known=True))
    proposal.add_node(
        ProposedNode(id="agency:arbetsformedlingen", label="Agency", name="Arbetsförmedlingen", known=True)
    )
    proposal.add_node(
        ProposedNode(id="org:fryksdalens-sparbank-ab", label="Organization", name="Fryksdalens Sparbank AB",
                     properties={"kind": "bank"}, evidence="Fryksdalens Sparbank AB ger stöd.")
    )  # fmt: skip
    said = "Vansbro kommun och Arbetsförmedlingen nämns."
    for actor in (VANSBRO, "agency:arbetsformedlingen"):
        proposal.relate(
            ProposedRelationship(type="PARTICIPATES_IN", start=actor, end="project:sprakcafeet", sources=[doc],
                                 evidence=said, confidence=0.4, mentioned=True)
        )  # fmt: skip
    proposal.relate(
        ProposedRelationship(type="CO_FUNDS", start="org:fryksdalens-sparbank-ab", end="project:sprakcafeet",
                             sources=[doc], evidence="Fryksdalens Sparbank AB ger stöd.", confidence=0.7)
    )  # fmt: skip
    draft = Workspace(data_copy / "curation", data_copy).new_draft(proposal)
    page = watch.page
    steps = Steps(watch)
    with serving(data_copy) as url:
        log_in(watch, url)
        page.goto(url + f"/curate?draft={draft.id}")
        watch.wait_stable()
        mentioned = page.locator("#mentioned-table")
        expect(mentioned.locator("caption")).to_have_text("Nämnda i texten – avgör")  # noqa: RUF001 - a real dash
        vansbro = mentioned.locator(f'tr[data-key="{VANSBRO}|PARTICIPATES_IN|project:sprakcafeet"]')
        expect(vansbro.locator(".role-select")).to_have_value("")  # undecided: no role until she chooses
        vansbro.locator(".role-select").select_option(label="medfinansiär")
        cofunds = mentioned.locator(f'tr[data-key="{VANSBRO}|CO_FUNDS|project:sprakcafeet"]')
        cofunds.locator("button.accept").click()
        expect(cofunds.locator(".decision")).to_have_text("godtagen")
        employment = mentioned.locator('tr[data-key="agency:arbetsformedlingen|PARTICIPATES_IN|project:sprakcafeet"]')
        employment.locator("button.reject").click()
        expect(employment.locator(".decision")).to_have_text("avvisad")
        bank = page.locator("#node-table tr", has_text="Fryksdalens Sparbank AB")
        bank.locator("input[type=search]").fill("fryksdalens")
        bank.locator("button", has_text="Fryksdalens sparbank").click()
        merged = page.locator('#rel-table tr[data-key="org:fryksdalens-sparbank|CO_FUNDS|project:sprakcafeet"]')
        merged.locator("button.accept").click()
        expect(merged.locator(".decision")).to_have_text("godtagen")
        steps.add_known("länsstyrelsen dalarna", "Länsstyrelsen i Dalarnas län", "partner", "Språkcaféet i Vansbro")
        added = page.locator(
            '#rel-table tr[data-key="agency:lansstyrelsen-dalarna|PARTICIPATES_IN|project:sprakcafeet"]'
        )
        expect(added.locator(".evidence")).to_contain_text("Språkcaféet i Vansbro.")
        watch.screenshot("curate-mentioned-and-merged")
        page.click("#write")
        expect(page.locator("#write-status .written")).to_contain_text("Skrivet")
        page.locator("#write-status a").click()
        watch.wait_stable()
        expect(explorer_row(watch, "Fryksdalens sparbank")).to_contain_text("medfinansierar")  # merged
        expect(explorer_row(watch, "Vansbro")).to_contain_text("medfinansierar")
        expect(explorer_row(watch, "Arbetsförmedlingen")).to_have_count(0)  # rejected
        partner = explorer_row(watch, "Länsstyrelsen i Dalarnas län")
        expect(partner.locator("td").last).to_have_text(f"Kort nyhet om språkcaféet {BY_HAND}")
        assert_clean(watch, url)
