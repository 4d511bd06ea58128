"""The school switcher: a person with roles at several schools chooses one, or all of theirs at once."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from moderator.web.app import Call, page
from moderator.web.sessions import choose_school
from storage.web_models import ALL_SCHOOLS

# pages a switch returns to (an item or an action's address may not exist at the other school)
BACK = ("/queue", "/audit", "/accounts", "/users", "/roster", "/check")


@page()
def switch(call: Call) -> Response:
    """Look at one school (by slug), or at all the person's schools ("*"); back to the page they were on."""
    school = call.field("school", 50)
    back = call.field("next", 200)
    back = back if back in BACK else "/queue"
    if school != ALL_SCHOOLS and school not in call.visitor.roles:
        return call.redirect(back, "Not done: you hold no role at that school.")
    with call.core.sessions() as s:
        choose_school(s, call.visitor.session_key, None if school == ALL_SCHOOLS else school)
        s.commit()
    name = "all your schools" if school == ALL_SCHOOLS else call.view_of(school).school.name
    return call.redirect(back, f"Showing {name}.")


ROUTES = [Route("/school", switch, methods=["POST"])]
