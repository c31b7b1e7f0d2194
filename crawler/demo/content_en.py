"""The sample site's invented English stories; ``content`` gathers both languages.

Every sentence here was written for this project; none is taken from a real article.
"""

from __future__ import annotations

from dataclasses import dataclass

EN_SITE_NAME = "Example Daily"


@dataclass(frozen=True)
class EnStory:
    """An English article; ``meta`` says whether it declares itself with JSON-LD or OpenGraph tags."""

    key: str
    slug: str
    title: str
    published: str
    authors: tuple[str, ...]
    editor: str
    paragraphs: tuple[str, ...]
    snippets: tuple[str, ...]
    related: tuple[str, ...]
    meta: str = "jsonld"


EN_STORIES = (
    EnStory(
        key="en_solar",
        slug="solar-panels-school-roofs",
        title="School roofs to host solar panels under new city plan",
        published="2024-03-04T08:30:00+00:00",
        authors=("Jane Roe",),
        editor="Sam Poe",
        paragraphs=(
            (
                "Twenty-two public schools will have solar panels fitted to their roofs over the next eighteen "
                "months, the city council confirmed on Monday."
            ),
            (
                "The programme, budgeted at 4.1 million pounds, is expected to cover roughly a third of the "
                "schools' daytime electricity use. Work will be scheduled during holidays so that lessons are "
                "not disrupted."
            ),
            (
                "Each participating school will also receive a classroom display showing live generation "
                "figures, which teachers can use in science and maths lessons."
            ),
            (
                "Councillor Priya Natarajan said the savings would be ring-fenced for school budgets rather than "
                "returned to the general fund."
            ),
        ),
        snippets=(
            "Work will be scheduled during holidays so that lessons are not disrupted.",
            "Each participating school will also receive a classroom display showing live generation figures",
        ),
        related=("en_library", "en_robotics"),
    ),
    EnStory(
        key="en_river",
        slug="river-cleanup-volunteers",
        title="Volunteers pull two tonnes of litter from the Mill River",
        published="2024-03-09T14:00:00+00:00",
        authors=("Omar Diaz",),
        editor="Ruth Kim",
        paragraphs=(
            (
                "More than three hundred volunteers spent Saturday morning clearing rubbish from a four-mile "
                "stretch of the Mill River."
            ),
            (
                "Organisers said the haul included forty shopping trolleys, a rusted motorbike and several "
                "hundred plastic bottles. Most of the material will be sorted and sent for recycling."
            ),
            (
                "The cleanup was coordinated by a residents' group that formed last year after heavy rain washed "
                "debris onto the towpath."
            ),
        ),
        snippets=(
            "the haul included forty shopping trolleys, a rusted motorbike and several hundred plastic bottles.",
            "Most of the material will be sorted and sent for recycling.",
        ),
        related=("en_bus", "en_solar"),
        meta="og",
    ),
    EnStory(
        key="en_library",
        slug="library-late-hours",
        title="Central library extends evening hours for exam season",
        published="2024-03-12T09:15:00+00:00",
        authors=("Jane Roe", "Lena Park"),
        editor="Sam Poe",
        paragraphs=(
            (
                "The Central Library will stay open until ten o'clock on weeknights from next Monday until the "
                "end of June."
            ),
            (
                "Library staff said demand for quiet study space had grown sharply, with every desk booked on "
                "most afternoons in February."
            ),
            (
                "Extra security staff will be on duty after eight o'clock, and the ground-floor cafe will extend "
                "its hours to match."
            ),
            (
                "Students can reserve a desk up to three days in advance through the library website or at the "
                "front counter."
            ),
        ),
        snippets=(
            "with every desk booked on most afternoons in February.",
            "Students can reserve a desk up to three days in advance",
        ),
        related=("en_solar", "en_robotics", "en_river"),
    ),
    EnStory(
        key="en_bus",
        slug="bus-route-redesign",
        title="Bus network redesign promises fewer transfers",
        published="2024-03-18T07:45:00+00:00",
        authors=("Lena Park",),
        editor="Ruth Kim",
        paragraphs=(
            (
                "A redesigned bus network due to launch in September will cut the number of passengers who need "
                "to change buses, according to the transport authority."
            ),
            (
                "The plan replaces several looping routes with straighter lines that run every ten minutes during "
                "the day."
            ),
            (
                "Some residents in the eastern suburbs have objected that their nearest stop will move further "
                "away, and a public consultation runs until the end of April."
            ),
        ),
        snippets=(
            "The plan replaces several looping routes with straighter lines that run every ten minutes",
            "a public consultation runs until the end of April.",
        ),
        related=("en_river", "en_library"),
        meta="og",
    ),
    EnStory(
        key="en_robotics",
        slug="robotics-league-final",
        title="Northside students win regional robotics final",
        published="2024-03-25T18:20:00+00:00",
        authors=("Omar Diaz",),
        editor="Sam Poe",
        paragraphs=(
            (
                "A team of six students from Northside Academy won the regional robotics final on Sunday, beating "
                "fourteen other schools."
            ),
            (
                "Their robot, built largely from recycled parts, completed the obstacle course in under two "
                "minutes and was the only entry to stack all twelve blocks."
            ),
            (
                "The team will travel to the national final in May, and the school has started a fundraising "
                "page to cover travel costs."
            ),
        ),
        snippets=(
            "built largely from recycled parts, completed the obstacle course in under two minutes",
            "the school has started a fundraising page to cover travel costs.",
        ),
        related=("en_solar", "en_library"),
    ),
)
