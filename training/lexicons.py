"""Build the shipped lexicons derived from third-party lists: LDNOOBW (CC BY 4.0) and RUHSOLD's (MIT).

Run as ``python -m training.lexicons --data DATA`` (the training-data folder of training/SOURCES.md).
Every kept LDNOOBW term is a decision
written below (strength and category); terms not listed are dropped (ordinary words such as Polish "jajko",
egg, or Portuguese "cerveja", beer). RUHSOLD's Roman Urdu list keeps its offensive and sexist sections, drops
the words listed in ``UR_DROP`` (function words, identity words, ordinary words) and makes the terms in
``UR_STRONG`` strong, the rest weak. Any kept single word common in English (wordfreq Zipf >= 3, e.g. "cu",
"pedo") becomes ``weak-en``. The files written, and the names and sha256 of what was read, are printed and
recorded in ``training/LEXICONS.md``. wordfreq is needed at build time only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from detectors.multilingual import COLLISIONS_FILE, LEXICON_DIR, MIN_STEM, lexicon_language, read_lexicon_file
from detectors.text_multilingual_fold import key

EN_COMMON_ZIPF = 3.0
EN_COLLISION_WORDS = 50_000  # the commonest English words checked for folding or squeezing into a term
_HEADER = ("# Derived from {source} ({licence}) by training/lexicons.py; do not edit by hand.\n"
           "# {reason}\n# Format: strength category term (weak-en: also a common English word).\n")

# LDNOOBW file -> (shipped language, {"strength category": "term, term, ..."}); unlisted terms are dropped.
LDNOOBW: dict[str, tuple[str, dict[str, str]]] = {
    "es": ("es", {
        "strong obscenity": "Coño, Follar, Follador, Hacer una paja, Mierda, Verga, Chupapollas, Soplapollas",
        "strong insult": "Cabrón, Concha de tu madre, Gilipollas, Jilipollas, Hija de puta, Hijaputa, Hijo de puta, "
                         "Hijoputa, Kapullo, Lameculos, Pendejo, Puta, Ramera, vete a la mierda",
        "strong hate": "Bollera, Marica, Maricón, Mariconazo",
        "weak insult": "asno, bastardo, Gilipichis, Idiota, Imbécil, maldito, Pervertido, Pinche, Prostituta, "
                       "Soplagaitas, Mamada, Pedo",
        "weak obscenity": "Culo",
    }),
    "pl": ("pl", {
        "strong obscenity": "chuj, chujnia, cipa, do kurwy nędzy, fiut, gówno, gówno prawda, huj, huj ci w dupę, "
                            "ja pierdolę, jebać, jebany, kurwa, kurwy, kutas, lizać pałę, obciągać chuja, "
                            "obciągać fiuta, obciągać loda, pierdolec, pierdolić, pierdolnąć, pierdolnięty, pizda, "
                            "popierdolony, robic loda, robić loda, ruchać, skurwysyn, wkurwiać",
        "strong insult": "dziwka, pojeb, pojebany",
        "strong hate": "ciota",
        "weak insult": "debil, dupek, kutafon, pierdoła, suka",
        "weak obscenity": "dupa, pieprzyć, srać",
    }),
    "pt": ("pt", {
        "strong obscenity": "boceta, caralho, chochota, cona, dar o rabo, esporra, foda, foda-se, foder, merda, porra, "
                            "puta que pariu, puta que te pariu, vai-te foder, vai tomar no cu, xochota",
        "strong insult": "cabrao, filho da puta, puta, vadia",
        "strong hate": "paneleiro",
        "weak insult": "bastardo, biscate, corno, sacanagem",
        "weak hate": "bicha, veado",
        "weak obscenity": "bosta, cacete, cagar, colhoes, cu, pau, queca, xana",
    }),
    "ar": ("ar", {
        "strong obscenity": "كس, زب, نيك, متناك, متناكة",
        "strong insult": "عاهرة, شرموطة, عرص, قحبة",
        "strong hate": "لوطي, خول",
        "weak obscenity": "طيز, بز, بزاز, مفلقسة",
        "weak insult": "لبوة",
        "weak hate": "شاذ, سحاقية",
    }),
    "tr": ("tr", {  # inflected forms as LDNOOBW lists them; "am" and "amı" (too short, ordinary syllables) and
        # "çingene" (an identity word, used neutrally too) are dropped
        "strong obscenity": "amcık, amcığa, amcığı, amcığın, amcıklar, amcıklara, amcıklarda, amcıklardan, "
                            "amcıkları, amcıkların, amcıkta, amcıktan, siktir, sikmek, siker sikmez, "
                            "siktirir siktirmez, sikilir sikilmez, yarak, yarağa, yarağı, yarağın, yaraklar, "
                            "yarakları, yarakların",
        "strong insult": "orospu, orospuda, orospudan, orospular, orospulara, orospuları, orospuların, orospunun, "
                         "orospuya, orospuyu, kaltak, kaltağa, kaltağı, kaltağın, kaltaklar, kaltakları",
        "strong hate": "götveren, götverenler, götverenleri",
        "weak obscenity": "sik, siki, sikin, sikler, göt, götü, götün, götler, taşak, taşaklar, taşakları, sıçmak",
        "weak insult": "saksocu, saksocular, otuz birci, otuz birciler",
    }),
    "fa": ("fa", {  # "کس" is also "person" (هیچ کس, nobody) and "سوپر" "super": dropped with the other ordinary or
        # news words (naked, porn, rape, lust)
        "strong obscenity": "کیر, کوس, کس دادن, کس کردن, کون دادن, کون کردن, ساک زدن, آب کیر",
        "strong insult": "کسکش, جنده, کیری, لاشی, کونکش",
        "strong hate": "کونی",
        "weak obscenity": "کون, جق, جلق, حشری, دودول, شونبول, فیلم سوپر",
        "weak insult": "هرزه, تخمی, لش",
    }),
    "hi": ("ur", {  # LDNOOBW's Hindi list is romanised Hindustani: the same words as Roman Urdu/Punjabi
        "strong insult": "behen chod, beti chod, bhadve, bhandve, bhosad, bhosadi ke, chodu, chinaal, choot, chootia, "
                         "chootiya, chutia, chutiya, gaand, gandu, gashti, harami, haramzade, jhant, jhantu, kamine, "
                         "kaminey, kanjar, kutta kamina, kutte ki aulad, kutte ki jat, kuttiya, loda, lodu, lund, "
                         "lund choos, maa ki chut, madar chod, madarchod, raand, randi, saala kutta, saali kutti, "
                         "saali randi, teri maa ki chut, tu chuda",
        "strong hate": "chinki, paki",
        "weak insult": "chut, kutta, saala, suar, tharki, balatkari",
        "weak obscenity": "tatti, tatte",
        "weak hate": "hijda, chakke, bhangi",
    }),
}

UR_STRONG = set("""bahanchod bahanchodon bhenchod bhenchodo bhosari chutiya chutiyaapa chutiyya fuddi fddi gaand gaandd
gaanddooon gaanddu gaandduboy gaandduguy gaandoo gaandoooo gaandu gandoo gandu ganduboy ganduguy gandun ganduo
ganduon ganduoo ganduu ghandoo gashti gshti gushti ghashtorra ghastora haraami haraamzada haraamzadi harami haramio
haramion haramiyo haramy kanjar kanjara kanjari kanjaro kanjaron kanjer kanjera kanjeri kanjerun kanjery kanjiri
kanjarkhana kanjarkhaanah khanzeer khinzeer lund landd landdphuddi missphuddi maachod maadarchod maanchod madarchod
madrchod matherchod matherchot panchod phudda phuddiyaan phuddiyon phudi phudy randi randdi randee randeeey randdiyaan
randdiyon randian randibaz randibazi randiii randion randiya randiyaa randiyan randiye randiyo randiyon rundi rundy
randdeebaaz randdeebaazi kutti kuttii kuttiya kutttti kamina kameenay kaminay kamine kameenah jhaant""".split())
UR_STRONG |= {"bhen chod", "bhen chot", "bhai chod", "bhai chode", "behn ki chutar", "bosard chodi", "choom meri gaand",
              "maa chod", "maan chod", "mather chod", "mather chot", "tattay choos", "tattay chooso", "bhadwe ki nasal",
              "bosade k", "bosade kay", "bosade ke", "bosadi k", "bosadi kay", "bosadi ke", "lun pe charh"}
# Ordinary words, function words, identity words and short abbreviations in the list: never shipped.
UR_DROP = set("""baap bc mc lpc mth chot chor chupa chupay dala daly dally daley dheela dheelay ddheelay dhela
haram haraam kaala kala kanjoosi kanjhosi manjan panchaiyet painda akhroat akhrot akhrott item betiyaan maal bachi
bacha hijra hijri sahiba kalla kallu khadra chitta rape raped pretty hot girls ladies aurat noonoo teri aulaad
ponk phonk phonkan phonkon phoonkain phoonkon mutmaeen muthmaen kamini randy""".split())


def sha256(path: Path) -> str:
    """The file's sha256, hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _english_common(term: str) -> bool:
    from wordfreq import zipf_frequency

    return " " not in term and "-" not in term and zipf_frequency(term, "en") >= EN_COMMON_ZIPF


def _mark(strength: str, term: str) -> str:
    return "weak-en" if _english_common(term) else strength


def ldnoobw_lines(path: Path, decisions: dict[str, str]) -> list[str]:
    """The shipped lines of one LDNOOBW file: the decided terms, lower case, in the file's order."""
    chosen = {}
    for kind, terms in decisions.items():
        for term in terms.split(","):
            chosen[term.strip().lower()] = kind
    source = [t.strip().lower() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
    missing = set(chosen) - set(source)
    if missing:
        raise SystemExit(f"{path.name}: decided terms not in the source: {sorted(missing)}")
    out = []
    for term in dict.fromkeys(source):
        if term in chosen:
            strength, category = chosen[term].split()
            out.append(f"{_mark(strength, term)} {category} {term}")
    return out


def ruhsold_lines(path: Path) -> list[str]:
    """The shipped lines of RUHSOLD's Roman Urdu hate-word list (offensive and sexist sections)."""
    out, section = [], "offensive"
    for raw in path.read_text(encoding="utf-8").splitlines():
        term = raw.strip().lower()
        if term.startswith("_"):
            section = {"_sexist": "sexist", "_religious": "religious", "_racism": "racism"}.get(term, section)
            continue
        if section not in ("offensive", "sexist") or not term or "_" in term or term in UR_DROP or len(term) < 3:
            continue
        strength = "strong" if term in UR_STRONG else "weak"
        out.append(f"{_mark(strength, term)} insult {term}")
    return list(dict.fromkeys(out))


def build(data: Path, out_dir: Path = LEXICON_DIR) -> list[tuple[str, str, int]]:
    """Write the derived lexicon files; return (source file, sha256, lines written) per source read."""
    read = []
    for name, (language, decisions) in LDNOOBW.items():
        src = data / "lex-ldnoobw" / f"{name}.txt"
        lines = ldnoobw_lines(src, decisions)
        target = out_dir / (f"ldnoobw_{language}.txt" if name == language else f"ldnoobw-{name}_{language}.txt")
        header = _HEADER.format(source=f"LDNOOBW {name}", licence="CC BY 4.0, attribution in README.md",
                                reason="Profanity list terms chosen one by one; ordinary words dropped.")
        target.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
        read.append((f"lex-ldnoobw/{name}.txt", sha256(src), len(lines)))
    src = data / "ur-roman-ruhsold" / "Hate_Words_RomanUrdu_Lower.txt"
    lines = ruhsold_lines(src)
    header = _HEADER.format(source="RUHSOLD Hate_Words_RomanUrdu_Lower.txt", licence="MIT",
                            reason="Roman Urdu offensive and sexist words; identity and ordinary words dropped.")
    (out_dir / "ruhsold_ur.txt").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    read.append(("ur-roman-ruhsold/Hate_Words_RomanUrdu_Lower.txt", sha256(src), len(lines)))
    return read


def english_collisions(out_dir: Path = LEXICON_DIR) -> list[str]:
    """Common English words that fold or squeeze into a one-word term, or start with a stem, spelt otherwise."""
    from wordfreq import top_n_list

    words, stems, spellings = set(), set(), set()
    for path in out_dir.glob("*.txt"):
        for _s, _c, term in read_lexicon_file(path):
            if term.endswith("*"):
                stems.add(key(term.rstrip("*")))
            elif " " not in key(term):
                words.add(key(term))
                spellings.add(term.lower())
    out = []
    for word in top_n_list("en", EN_COLLISION_WORDS):
        if not word.isalpha() or word in spellings:
            continue
        k = key(word)
        if k in words or any(k[:n] in stems for n in range(MIN_STEM, len(k) + 1)):
            out.append(word)
    (out_dir / COLLISIONS_FILE).write_text(json.dumps(sorted(out), indent=0) + "\n", encoding="utf-8")
    return out


def check_hand_files(out_dir: Path = LEXICON_DIR) -> list[str]:
    """Hand-written terms that are common English words but not marked weak-en."""
    return [f"{p.name}: {t}" for p in sorted(out_dir.glob("hand_*.txt"))
            for s, _c, t in read_lexicon_file(p) if s != "weak-en" and _english_common(t.rstrip("*"))]


def main() -> None:
    """Build the derived files, then report the sources read and the term counts per language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the training-data folder")
    args = parser.parse_args()
    for source, digest, count in build(args.data):
        print(f"{source}\t{digest}\t{count} terms")
    print("English words never read as a term:", ", ".join(english_collisions()))
    for warning in check_hand_files():
        print("common English word not marked weak-en:", warning)
    counts: dict[tuple[str, str], int] = {}
    for path in sorted(LEXICON_DIR.glob("*.txt")):
        for strength, _c, _t in read_lexicon_file(path):
            counts[lexicon_language(path), strength] = counts.get((lexicon_language(path), strength), 0) + 1
    for (language, strength), n in sorted(counts.items()):
        print(f"{language}\t{strength}\t{n}")


if __name__ == "__main__":
    main()
