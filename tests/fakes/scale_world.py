"""The invented world of ``make bench-scale``: 1,000 accounts of 100 schools on the fake Graph and X servers.

Each school has 4 Facebook Pages, 4 Instagram accounts and 2 X accounts (a Page and an Instagram
account share one Graph tenant). Every account starts with one post and some with a comment; before a
measured cycle :meth:`World.make_busy` gives a share of accounts new posts and comments (some abusive).
:meth:`World.truth` is what the fakes hold per account, to count against what the workers stored.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from tests.fakes.graph_server import IG_USER_ID, PAGE_ID
from tests.fakes.graph_tenants import GraphTenants
from tests.fakes.x_server import XFake

ABUSE = "you are a useless f*cking idiot and everyone at this school knows it"
CLEAN = ["Thank you for a lovely afternoon, the children really enjoyed it",
         "What time does the summer fair start on Saturday?", "Well done to everyone who took part!"]


class _Unlimited(dict):
    """Rate-limit counters that never run out (see :class:`World`)."""

    def get(self, key, default=None):
        return (900, 4_102_444_800.0)  # a reset in 2100

    def __setitem__(self, key, value) -> None:
        pass


class World:
    """The fakes, the accounts on them and what each account holds."""

    def __init__(self, schools: int = 100, per_school: tuple[int, int, int] = (4, 4, 2)) -> None:
        fb, ig, x = per_school
        self.graph = GraphTenants(schools * max(fb, ig))
        self.x = XFake.start()
        # The fake counts X's rate limits per endpoint for all its users together; X counts them per user
        # (900 timeline reads per 15 minutes each, far more than one poll every few minutes needs).
        self.x.state.limits = _Unlimited()
        self.x.state.add_user("200", "visitor_invented")
        self.accounts: list[dict] = []
        tenant = 0
        for s in range(schools):
            for n in range(max(fb, ig)):
                t = self.graph.tenants[tenant]
                if n < fb:
                    self.accounts.append({"name": f"s{s:03d}-fb{n}", "platform": "facebook", "tenant": t})
                if n < ig:
                    self.accounts.append({"name": f"s{s:03d}-ig{n}", "platform": "instagram", "tenant": t})
                tenant += 1
            for n in range(x):
                uid = str(10_000 + len(self.accounts))
                self.x.state.add_user(uid, f"school{s}_{n}")
                self.x.state.oauth2_tokens[f"x-token-{uid}"] = (uid, {"tweet.read", "users.read",
                                                                       "tweet.moderate.write"})
                self.accounts.append({"name": f"s{s:03d}-x{n}", "platform": "x", "uid": uid})
        self.hide_targets: set[str] = set()
        for i, acct in enumerate(self.accounts):
            self._add(acct, comments=1 if i % 3 == 0 else 0, abusive=0, age=timedelta(hours=2))

    def _add(self, acct: dict, comments: int, abusive: int, age: timedelta) -> None:
        when = datetime.now(UTC) - age
        texts = [ABUSE] * abusive + [random.choice(CLEAN) for _ in range(comments - abusive)]
        if acct["platform"] == "facebook":
            st = acct["tenant"].state
            post = st.add_post("Our harvest assembly this morning", when)
            ids = [st.add_comment(post, t, when + timedelta(seconds=1)) for t in texts]
        elif acct["platform"] == "instagram":
            st = acct["tenant"].state
            media = st.add_media("Autumn leaves in the forest school area", when)
            ids = [st.add_ig_comment(media, t, when + timedelta(seconds=1)) for t in texts]
        else:
            st = self.x.state
            with st.lock:
                tweet = st.tweet(acct["uid"], "Great sports day today!", created_at=when)
                ids = [st.tweet("200", t, reply_to=tweet, created_at=when + timedelta(seconds=1)) for t in texts]
        self.hide_targets.update(ids[:abusive])

    def make_busy(self, rng: random.Random, share: float, comments: int = 2) -> list[str]:
        """A new post with ``comments`` comments (one abusive on every other account) on ``share`` of the accounts."""
        chosen = rng.sample(self.accounts, round(len(self.accounts) * share))
        for i, acct in enumerate(chosen):
            self._add(acct, comments=comments, abusive=i % 2, age=timedelta(minutes=1))
        return [a["name"] for a in chosen]

    def requests(self) -> int:
        """Requests both fakes have answered."""
        return self.graph.requests() + len(self.x.state.requests)

    def truth(self) -> dict[str, set[str]]:
        """Per account, the ids of every post and comment the fakes hold for it."""
        out: dict[str, set[str]] = {}
        xs = self.x.state
        with xs.lock:
            convs: dict[str, set[str]] = {}
            for t in xs.tweets.values():
                convs.setdefault(t["conversation_id"], set()).add(t["id"])
            owner = {t["id"]: t["author_id"] for t in xs.tweets.values() if t["id"] == t["conversation_id"]}
        for acct in self.accounts:
            if acct["platform"] == "x":
                out[acct["name"]] = set().union(*(ids for conv, ids in convs.items() if owner.get(conv) == acct["uid"]))
                continue
            st = acct["tenant"].state
            with st.lock:
                if acct["platform"] == "facebook":
                    ids = set(st.posts) | {c for c, v in st.comments.items() if not v["_ig"]}
                else:
                    ids = set(st.media) | {c for c, v in st.comments.items() if v["_ig"]}
            out[acct["name"]] = ids
        return out

    def hides(self) -> dict[str, int]:
        """How often each object was asked to be hidden, on either fake."""
        counts: dict[str, int] = {}
        for t in self.graph.tenants:
            for method, path, params in list(t.state.requests):
                if method == "POST" and ("is_hidden" in params or "hide" in params):
                    counts[path.strip("/")] = counts.get(path.strip("/"), 0) + 1
        for method, path, *_ in list(self.x.state.requests):
            if method == "PUT" and path.endswith("/hidden"):
                counts[path.split("/")[3]] = counts.get(path.split("/")[3], 0) + 1
        return counts

    def config(self, url: str, poll_interval: int) -> tuple[str, dict[str, str]]:
        """The configuration text (one school's table: tenancy is not there yet) and the environment."""
        env = {"BENCH_GRAPH_TOKEN": self.graph.tenants[0].state.token}
        parts = ['[school]\nname = "Bench Trust (invented, 100 schools in one configuration)"\n']
        for a in self.accounts:
            if a["platform"] == "x":
                env[f"BENCH_X_{a['uid']}"] = f"x-token-{a['uid']}"
                parts.append(f'[[accounts]]\nname = "{a["name"]}"\nplatform = "x"\naccount_id = "{a["uid"]}"\n'
                             f'credentials = {{ user_token = "BENCH_X_{a["uid"]}" }}\napi_base = "{self.x.url}"\n'
                             f"retry_base_seconds = 0.01\n")
            else:
                ident = PAGE_ID if a["platform"] == "facebook" else IG_USER_ID
                parts.append(f'[[accounts]]\nname = "{a["name"]}"\nplatform = "{a["platform"]}"\n'
                             f'account_id = "{ident}"\ncredentials = {{ access_token = "BENCH_GRAPH_TOKEN" }}\n'
                             f'api_base = "{a["tenant"].url}"\nretry_base_delay = 0.01\n')
        parts.append(f'[reporting]\nsmt = ["head@bench.example.org"]\ndsl = ["dsl@bench.example.org"]\n'
                     f'outbox = "outbox"\n[storage]\nurl = "{url}"\n[daemon]\n'
                     f"poll_interval_seconds = {poll_interval}\nrequest_timeout_seconds = 30\n")
        return "\n".join(parts), env

    def stop(self) -> None:
        """Stop both fakes."""
        self.graph.stop()
        self.x.stop()
