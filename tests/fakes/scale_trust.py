"""The invented trust of ``make bench-scale``: 100 schools of 10 accounts each, written as a real trust configuration.

The accounts and what the fakes hold are :class:`tests.fakes.scale_world.World`'s (per school 4 Facebook Pages,
4 Instagram accounts and 2 X accounts); this writes them as a trust: ``trust.toml`` with ``schools_dir``, and per
school a file with its own name, staff, trusted domains, public contacts, roster CSV (a few hundred invented
pupils), recipients and accounts. The configuration loader reads it as it reads any trust's.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from tests.fakes.graph_server import IG_USER_ID, PAGE_ID
from tests.fakes.scale_world import World

FIRST = ("Amara Bodhi Calla Dorian Elowen Fenwick Galen Hollis Imogen Jory Kestrel Linnea Marlo Niamh "
         "Orrin Perrin Quilla Rowan Saffi Tamsin Ulric Verity Wren Xanthe Yorick Zinnia Alder Briony Caspian "
         "Delphine").split()
LAST = ("Ashcombe Birtwhistle Carrow Dunmore Elstob Fairweather Gorringe Hawtrey Inchbald Jellicoe Kinnear Lathom "
        "Merriweather Nettleship Ormerod Pendragon Quennell Rudge Sallow Thistlewood Umfreville Vellacott "
        "Wetherell Yelland Zouche").split()
PUPILS_PER_SCHOOL = 300


def school_slug(n: int) -> str:
    """The slug of school ``n``."""
    return f"s{n:03d}"


class TrustWorld(World):
    """The fakes and accounts of :class:`World`, configured as a trust of schools."""

    def __init__(self, schools: int = 100, per_school: tuple[int, int, int] = (4, 4, 2),
                 latency_s: float = 0.0) -> None:
        super().__init__(schools, per_school)
        self.schools = schools
        # The fakes write a response's headers and body in two sends; without TCP_NODELAY the body waits for the
        # client's delayed ACK (40 ms on Linux): an X poll took 89 ms instead of 6. A fake's artefact, not the
        # platforms': the benchmark measures the workers, not it.
        for server in (self.x.server, self.graph.server):
            server.RequestHandlerClass.disable_nagle_algorithm = True
            if latency_s > 0:  # the platforms' own time to answer, which loopback lacks (each request in its thread)
                server.RequestHandlerClass = _answering_after(server.RequestHandlerClass, latency_s)

    def write_config(self, folder: Path, url: str, poll_interval: int) -> tuple[Path, dict[str, str]]:
        """Write ``trust.toml``, ``schools.d/`` and the rosters into ``folder``; the path and the environment."""
        env = {"BENCH_GRAPH_TOKEN": self.graph.tenants[0].state.token}
        (folder / "schools.d").mkdir(exist_ok=True)
        (folder / "rosters").mkdir(exist_ok=True)
        by_school: dict[str, list[dict]] = {}
        for a in self.accounts:
            by_school.setdefault(a["name"].split("-")[0], []).append(a)
        for n in range(self.schools):
            slug = school_slug(n)
            rng = random.Random(n)
            roster = folder / "rosters" / f"{slug}.csv"
            rows = ["first_name,last_name,preferred_name,year_group,photo_consent"]
            rows += [f"{rng.choice(FIRST)},{rng.choice(LAST)},,{rng.randint(0, 6)},{rng.choice(('yes', 'no'))}"
                     for _ in range(PUPILS_PER_SCHOOL)]
            roster.write_text("\n".join(rows) + "\n")
            parts = [f'slug = "{slug}"\nname = "Bench School {n} (invented)"\n'
                     f'staff = ["Mrs {LAST[n % len(LAST)]}", "Mr {LAST[(n + 7) % len(LAST)]}"]\n'
                     f'trusted_domains = ["{slug}.bench-trust.example.org", "pay-{slug}.example.org"]\n'
                     f'public_contacts = ["office@{slug}.bench-trust.example.org"]\n'
                     f'roster = "{roster.as_posix()}"\n'
                     f'[reporting]\nsmt = ["head@{slug}.bench-trust.example.org"]\n'
                     f'dsl = ["dsl@{slug}.bench-trust.example.org"]\n']
            for a in by_school.get(slug, []):
                parts.append(self._account(a, env))
            (folder / "schools.d" / f"{slug}.toml").write_text("\n".join(parts))
        path = folder / "trust.toml"
        path.write_text(f'schools_dir = "schools.d"\n[trust]\nname = "Bench Learning Trust (invented)"\n'
                        f'recipients = ["ceo@bench-trust.example.org"]\n'
                        f'[reporting]\noutbox = "outbox"\n[storage]\nurl = "{url}"\n[daemon]\n'
                        f"poll_interval_seconds = {poll_interval}\nrequest_timeout_seconds = 30\n")
        return path, env

    def _account(self, a: dict, env: dict[str, str]) -> str:
        if a["platform"] == "x":
            env[f"BENCH_X_{a['uid']}"] = f"x-token-{a['uid']}"
            return (f'[[accounts]]\nname = "{a["name"]}"\nplatform = "x"\naccount_id = "{a["uid"]}"\n'
                    f'credentials = {{ user_token = "BENCH_X_{a["uid"]}" }}\napi_base = "{self.x.url}"\n'
                    f"retry_base_seconds = 0.01\n")
        ident = PAGE_ID if a["platform"] == "facebook" else IG_USER_ID
        return (f'[[accounts]]\nname = "{a["name"]}"\nplatform = "{a["platform"]}"\n'
                f'account_id = "{ident}"\ncredentials = {{ access_token = "BENCH_GRAPH_TOKEN" }}\n'
                f'api_base = "{a["tenant"].url}"\nretry_base_delay = 0.01\n')

    def requests_by_platform(self) -> dict[str, int]:
        """Requests answered so far, per platform (a Graph tenant serves a Page and its Instagram account)."""
        out = {"facebook": 0, "instagram": 0, "x": len(self.x.state.requests)}
        for t in self.graph.tenants:
            st = t.state
            with st.lock:
                for _method, path, *_ in list(st.requests):
                    obj = path.strip("/").split("/")[0]
                    ig = obj == IG_USER_ID or obj in st.media or (obj in st.comments and st.comments[obj]["_ig"])
                    out["instagram" if ig else "facebook"] += 1
        return out


def _answering_after(handler: type, latency_s: float) -> type:
    """``handler`` that waits ``latency_s`` before each response, as a distant API does."""

    class Slow(handler):
        def send_response(self, code, message=None) -> None:
            time.sleep(latency_s)
            super().send_response(code, message)

    return Slow
