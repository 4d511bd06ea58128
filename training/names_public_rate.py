"""How often named_child fires on ordinary public comments: ``python -m training.names_public_rate SET_DIR ...``.

Each folder holds an ``items.jsonl`` of public comments (YouTube, Jigsaw, Davidson: none names a pupil of ours).
The detector runs with an invented roster of 300 pupils whose first names are the commonest of UK schools,
word-names included (Grace, Hope, Will, Summer, Chelsea, Jordan, Paris, Harry, Jack...), so a name in a comment
meets the roster as it would at a real school. Prints, per set and overall, the share of items with a finding
(target: at most 0.2 %); ``--ids`` also lists the ids (never the text) of the items it fires on.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from detectors.base import Pupil, SchoolContext

FIRST_NAMES = """
Oliver George Arthur Noah Muhammad Leo Harry Oscar Archie Henry Theodore Freddie Jack Charlie Theo Alfie Jacob
Thomas Finley Arlo William Lucas Roman Tommy Isaac Teddy Alexander Luca Edward James Joshua Albie Elijah Max
Mohammed Reggie Hudson Louie Ezra Jude Rory Ronnie Mason Harrison Logan Sebastian Ethan Jaxon Louis Hugo Toby
Dylan Joseph Samuel Daniel Zachary Caleb Jesse Bobby Frankie Riley Ollie Benjamin Jenson Harvey Grayson Milo
Archer Felix Rowan Ralph Stanley Ellis Jasper Elliot Nathan Ryan Kai Carter Callum Alfred Lewis Adam Myles
Ibrahim Yusuf Hamza Ali Omar Ayaan Zain Aarav Arjun Kofi Kwame Tyrone Marcus Jordan Chase Hunter Miles Reed
Ash River Will Bill Bob Jay Mark Frank Guy Dean Cliff Ray Rocco Dafydd Rhys Gethin Osian Callum Finlay Lachlan
Ruaridh Cian Oisin Bartek Jakub Kacper Szymon Filip Mateusz Andrei Ionut Vlad Luka Matteo Olivia Amelia Isla
Ava Ivy Freya Lily Florence Mia Willow Rosie Sophia Isabella Grace Daisy Sienna Poppy Elsie Emily Ella Evelyn
Phoebe Sofia Evie Charlotte Harper Millie Matilda Maya Sophie Alice Isabelle Ruby Luna Maisie Aria Penelope Mila
Bonnie Eva Hallie Eliza Ada Violet Esme Arabella Imogen Jessica Delilah Margot Thea Ellie Emilia Georgia Harriet
Hope Summer Amber Autumn Faith Joy Holly Hazel Heather Iris Jade Pearl Rose Skye Storm Star Angel Precious
Blessing Destiny Honey April May June Dawn Paris Chelsea India Sydney Savannah Brooklyn Jordan Madison Eden
Erin Niamh Aoife Saoirse Ciara Siobhan Cerys Seren Ffion Megan Bethan Carys Eilidh Iona Morag Kirsty Aisha
Fatima Maryam Zainab Ayesha Amira Hafsa Khadija Noor Hodan Ayan Hibo Priya Anjali Simran Kavya Diya Zofia
Zuzanna Maja Lena Oliwia Julia Hanna Andreea Ioana Maria Elena Sara Leonor Beatriz Ines Chloe Lucy Katie
Hannah Abigail Leah Zara Lola Nancy Orla Lottie Edie Beatrice Aurora Nova Eleanor Elizabeth Layla Lyla Hallie
""".split()
SURNAMES = """Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright Thompson Evans Walker White
Roberts Green Hall Thomas Clarke Jackson Wood Harris Edwards Turner Martin Cooper Hill Ward Hughes Moore Clark King
Harrison Lewis Baker Lee Allen Morris Khan Scott Watson Davis Parker James Bennett Young Phillips Richardson Mitchell
Bailey Carter Cook Singh Shaw Bell Collins Morgan Kelly Begum Miller Cox Hussain Marshall Simpson Price Anderson
Adams Wilkinson Ali Ahmed Foster Ellis Murphy Chapman Mason Gray Richards Webb Griffiths Hunt Palmer Campbell
Holmes Mills Rogers Barnes Knight Matthews Barker Powell Stevens Kaur Fisher Butler Dixon Russell Harvey Pearson
Graham Fletcher Nowak Kowalski Popescu Hassan Omar Mohamed Okafor Mensah""".split()


def invented_school() -> SchoolContext:
    """A school of 300 invented pupils with the commonest UK first names (no staff, classes or houses)."""
    firsts = list(dict.fromkeys(FIRST_NAMES))
    pupils = tuple(
        Pupil(firsts[i % len(firsts)], SURNAMES[(i * 7) % len(SURNAMES)], firsts[i % len(firsts)],
              f"Year {i % 13 + 1}" if i % 13 < 11 else "Reception", i % 4 != 0)
        for i in range(300))
    return SchoolContext(name="Invented Academy", roster=pupils)


def rate(folder: Path, detector, nlp) -> tuple[int, list[str]]:
    """(items, ids of the items with a named_child finding) for one folder."""
    from core.items import Item
    from detectors.text_prepare import prepare

    rows = [json.loads(line) for line in (folder / "items.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    texts = [prepare(row["text"]).text for row in rows]
    fired = []
    for row, text, doc in zip(rows, texts, nlp.pipe(texts, batch_size=64), strict=True):
        item = Item(row.get("platform", "facebook"), str(row["id"]), row.get("kind", "comment"),
                    row.get("author") == "school", text, media=tuple(row.get("media") or ()))
        if detector.analyze(replace(item), doc):
            fired.append(str(row["id"]))
    return len(rows), fired


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path, help="folders holding items.jsonl")
    parser.add_argument("--ids", action="store_true", help="list the ids of the items it fires on")
    args = parser.parse_args(argv)
    from detectors.engine import load_nlp
    from detectors.named_child import NamedChildDetector

    nlp = load_nlp()
    detector = NamedChildDetector(invented_school())
    detector.load(nlp)
    total = hits = 0
    for folder in args.sets:
        n, fired = rate(folder, detector, nlp)
        total, hits = total + n, hits + len(fired)
        print(f"{folder.name}: fires on {len(fired)} of {n} items ({100 * len(fired) / max(n, 1):.2f} %)")
        if args.ids:
            print("  " + " ".join(fired))
    print(f"overall: {hits} of {total} items ({100 * hits / max(total, 1):.2f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
