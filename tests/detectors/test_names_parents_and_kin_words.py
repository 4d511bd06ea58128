"""Named pupils identified through their families: a parent known by the child's name ("Mama Temi here"), a
grandparent after the name without the apostrophe ("a mi Kemar granny"), godchildren and foster children, kin words
of Kurmanji, Sorani and Tigrinya, Welsh kin and "our"/"my" after the name ("Cai ni", "Gwen fy nith"), an age in
brackets with its unit ("(4 oed)"), a possessive without its apostrophe ("jaxons class"), and "That's Idris's
coat" (a contraction of "that is", not an author's possessive before a character's name).

Every sentence here was written for this test (invented pupils of an invented school), in no evaluation or
training file; beside the positives stand negatives that must not fire.
"""

from __future__ import annotations

import pytest

from detectors.base import Pupil, SchoolContext
from tests.detectors.names_probe import fires, loaded

SCHOOL = SchoolContext(
    name="Gorse Hill Community School",
    staff=("Mrs Ashworth", "Mr Lloyd"),
    roster=(
        Pupil("Temitope", "Adebayo", "Temi", "Year 2", True),
        Pupil("Kemar", "Brown", "Kemar", "Year 4", True),
        Pupil("Idris", "Malik", "Idris", "Year 3", True),
        Pupil("Cai", "Parry", "Cai", "Year 1", True),
        Pupil("Rojda", "Aydin", "Rojda", "Year 5", True),
        Pupil("Mia", "Fletcher", "Mia", "Year 6", True),
        Pupil("Matilda", "Shaw", "Matilda", "Year 6", True),
        Pupil("Nikola", "Horváthová", "Nikolka", "Year 2", True),
        Pupil("Jaxon", "Reid", "Jaxon", "Year 2", True),
        Pupil("Ellis", "Ward", "Ellis", "Year 3", True),
        Pupil("Mile", "Kovač", "Mile", "Year 4", True),
    ),
)


@pytest.fixture(scope="module")
def det(nlp):
    return loaded(SCHOOL, nlp)


@pytest.mark.parametrize(("text", "found"), [
    # a parent signs with the child's name
    ("Mama Temi here 👋 thank you all for the birthday wishes", True),
    ("som mama Nikolky z 2. triedy, prosím o číslo na triednu", True),
    ("Mum of Idris here, is the swimming still on for Thursday?", True),
    ("Mama mia, the size of that homework pack 😂", False),
    # a grandparent or parent after the name, without the apostrophe
    ("a mi Kemar granny, him did love the farm trip", True),
    # godchildren and foster children
    ("took my goddaughter Elowen (6) to see the panto, she was hooked", True),
    ("our foster son Kaydon has settled in so well at the new school", True),
    # kin words of the community languages
    ("Keça min Rojda ji dibistanê pir hez dike 😊", True),
    # Welsh kin and possessives after the name, and an age with its unit
    ("Mae Cai ni wedi mwynhau'r trip i'r fferm yn fawr", True),
    ("Gwenno fy nith yn 5 heddiw 🎂", True),
    ("Deiniol (4 oed) yn meddwl mai fe yw'r bos nawr 😂", True),
    # "that's" is "that is", not an author's possessive
    ("That's Idris's coat on the peg! can he grab it tomorrow", True),
    ("That's Dahl's Matilda on the stage at the theatre tonight", False),
    # a possessive written without its apostrophe: the stem is the roster name, unless the whole word is one or
    # is an English word
    ("is jaxons class doing forest school on friday? he needs his wellies", True),
    ("Ellis mum here, can someone message me about the trip", True),
    ("the miles class record at the county athletics is amazing", False),
])
def test_a_child_named_through_the_family(det, nlp, text, found):
    assert fires(det, nlp, text) is found, text
