"""Fit-for-the-post data (CONTRACT §6.1) laid over an edition-2 scenario, deterministically: ranks on
every title (heads one above their deputies, city titles above district ones by the title's code), a
`requires` on every head title, and cadres holding the codes plain, from a day inside the period or not
at all, a few of them under discipline. For tests that need the new rules to bind on a large scenario."""

from __future__ import annotations

from datetime import timedelta

from models.dates import add_months
from models.scenario import Qualification, Scenario

CODES = ("llct_cao_cap", "dai_hoc")


def with_fit_data(scenario: Scenario) -> Scenario:
    titles = {
        code: title.model_copy(
            update={
                "rank": (4 if title.level == "head" else 3) + len(code) % 2,
                "requires": CODES[: 1 + len(code) % 2] if title.level == "head" else (),
            }
        )
        for code, title in scenario.titles.items()
    }
    middle = add_months(scenario.period.start, 12)
    cadres = []
    for position, cadre in enumerate(scenario.cadres):
        held = [
            Qualification(code=code)
            if (position + k) % 3 == 0
            else Qualification.model_validate({"code": code, "from": middle + timedelta(days=position % 5)})
            for k, code in enumerate(CODES)
            if (position + k) % 4 != 3
        ]
        discipline = {"disciplined_until": middle} if position % 11 == 0 else {}
        cadres.append(cadre.model_copy(update={"qualifications": tuple(held), **discipline}))
    return scenario.model_copy(update={"titles": titles, "cadres": tuple(cadres)})
