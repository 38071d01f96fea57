"""One checker query per verdict, shared by the tests that render verdicts."""
from __future__ import annotations

import datetime as dt

VERDICT_CASES = {  # rules.md cases 1, 2 and 8, and a customer/data pair no rule set covers
    "eligible": dict(provider="OVHcloud", offer="Hosted Private Cloud", data=["health"], customer="state",
                     as_of=dt.date(2021, 9, 28)),
    "not_eligible": dict(provider="Microsoft", offer="Azure", data=["health"], customer="state_operator",
                         as_of=dt.date(2021, 9, 28)),
    "undetermined": dict(provider="Nimbus Inconnu", data=["health"], customer="state", as_of=dt.date(2021, 10, 1)),
    "not_applicable": dict(provider="OVHcloud", offer="Hosted Private Cloud", data=["other"], customer="private",
                           as_of=dt.date(2021, 10, 1)),
}
