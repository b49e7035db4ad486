"""Generate an invented news feed for the batch benchmarks: many stories, a few articles each, and
conflicts planted in known sentence pairs (the command is eval/make_feed.py; eval/batch_cost.py and
eval/batch_ray.py call `write_feed`).

    python eval/make_feed.py --articles 1000 --seed 1 -o feed.jsonl      # also writes feed.planted.jsonl
    python eval/make_feed.py --huge 4500000 -o huge/                      # one 4.5 MB article + two short ones

Every story is built from one of several story types (a bridge closure, quarterly results, a cup
final, a storm, a court ruling, a council vote, a factory fire, a transport strike): invented
places, people and organisations fill the slots, each article restates a random subset of the
story's facts in one of several wordings, in its own order, with a little background. In some
articles one fact is altered (a number, a weekday or a person's name); each such change is a
planted conflict, written to `<output>.planted.jsonl` with the two article ids and the two
sentences. All names are invented; no text comes from real news.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SYLLABLES = ["har", "wick", "tol", "by", "dun", "more", "kes", "mar", "vel", "dra", "os", "lund", "bren", "mouth",
             "ska", "row", "lor", "ne", "ves", "sby", "kel", "ford", "ash", "ton", "mer", "idan", "tav", "elco",
             "nor", "vik", "ilv", "ara", "bel", "gate", "cran", "holm", "east", "wyn", "sol", "stad"]
FIRST = ["Lina", "Ema", "Tomas", "Aino", "Petra", "Jonas", "Mira", "Arvid", "Selma", "Oskar", "Ines", "Karl",
         "Nora", "Elias", "Freya", "Linus", "Ada", "Viktor", "Hanna", "Pavel", "Ruth", "Mikael", "Signe", "Oren"]
LAST = ["Osk", "Vold", "Brann", "Lindqvist", "Harrow", "Dahl", "Strand", "Kerr", "Moberg", "Falk", "Quist", "Rask",
        "Eklund", "Thorne", "Berg", "Lowe", "Sund", "Varga", "Hale", "Nyman", "Crane", "Ridley", "Holt", "Wren"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Each story type: headline wordings, facts (each a list of wordings, with {slots}), background lines.
# Slots: place, person, org, n1, n2, day. A fact's `alter` says what a planted change alters in it.
TYPES = {
    "bridge": {
        "titles": ["{place} bridge closed after crack found", "Crack shuts {place} river bridge",
                   "Engineers close bridge in {place}"],
        "facts": [
            ("day", ["The {place} river bridge was closed on {day} after engineers found a crack in a main girder.",
                     "Engineers closed the river bridge in {place} on {day} when they found a cracked girder."]),
            ("number", ["Repairs will cost {n1} million crowns, the city said.",
                        "The city put the cost of the repairs at {n1} million crowns."]),
            ("name", ["Mayor {person} said the bridge would stay shut until it was safe.",
                      "The bridge will remain closed until it is safe, Mayor {person} said."]),
            ("number", ["About {n2} thousand vehicles cross the bridge every day.",
                        "Some {n2} thousand cars and lorries use the crossing daily."]),
            (None, ["Inspectors from {org} had examined the structure last spring.",
                    "The structure was last inspected by {org} in the spring."]),
        ],
        "background": ["Traffic is being sent through the old harbour tunnel.", "Local shops fear a drop in trade.",
                       "The bridge opened more than forty years ago.", "Ferry services have been extended."],
    },
    "results": {
        "titles": ["{org} profit rises on strong demand", "{org} reports higher quarterly sales",
                   "Quarterly results lift {org}"],
        "facts": [
            ("number", ["{org} reported quarterly revenue of {n1} million crowns.",
                        "Quarterly revenue at {org} came to {n1} million crowns."]),
            ("number", ["Operating profit rose to {n2} million crowns.", "The operating profit climbed to {n2} million crowns."]),
            ("name", ["Chief executive {person} said demand had stayed strong in every region.",
                      "Demand stayed strong in all regions, chief executive {person} said."]),
            ("day", ["The company published the figures on {day}.", "The figures were released on {day}."]),
            (None, ["The group is based in {place} and employs several thousand people.",
                    "{org}, which is based in {place}, employs several thousand people."]),
        ],
        "background": ["Analysts had expected weaker numbers.", "The shares have gained this year.",
                       "The company plans to open a new office abroad.", "Costs for energy fell in the quarter."],
    },
    "final": {
        "titles": ["{place} Rovers win the cup final", "Cup final goes to {place} Rovers", "{place} Rovers lift the cup"],
        "facts": [
            ("number", ["{place} Rovers beat {org} {n1}-1 in the cup final.", "{place} Rovers won the final against {org} {n1}-1."]),
            ("name", ["Striker {person} scored twice for the winners.", "{person} scored two of the winning goals."]),
            ("number", ["The match was watched by {n2} thousand spectators.", "A crowd of {n2} thousand saw the game."]),
            ("day", ["The final was played on {day} evening.", "The game took place on {day} evening."]),
            (None, ["It is the club's first cup in a decade.", "The club last won the cup ten years ago."]),
        ],
        "background": ["Fans celebrated in the town square.", "The coach praised the defence.",
                       "The losing side had two players injured.", "The trophy will be shown at the town hall."],
    },
    "storm": {
        "titles": ["Storm {org} hits {place}", "{place} cleans up after Storm {org}", "Storm {org} cuts power in {place}"],
        "facts": [
            ("number", ["Wind gusts reached {n1}0 kilometres per hour in {place}.", "Gusts of up to {n1}0 km/h were measured in {place}."]),
            ("number", ["About {n2} thousand homes lost power.", "Some {n2} thousand households were left without electricity."]),
            ("day", ["The storm made landfall on {day} night.", "Storm {org} reached the coast on {day} night."]),
            ("name", ["Emergency chief {person} asked people to stay indoors.", "People should stay at home, said emergency chief {person}."]),
            (None, ["Schools in the region were closed.", "All schools in the area stayed closed."]),
        ],
        "background": ["Trains were cancelled along the coast.", "Fallen trees blocked several roads.",
                       "Forecasters expect calmer weather later in the week.", "Ferries stayed in port."],
    },
    "court": {
        "titles": ["Court orders {org} to pay damages", "{org} loses case in {place} court", "{place} court rules against {org}"],
        "facts": [
            ("number", ["The {place} district court ordered {org} to pay {n1} million crowns in damages.",
                        "{org} must pay damages of {n1} million crowns, the {place} district court ruled."]),
            ("name", ["Judge {person} said the company had broken the supply contract.",
                      "The supply contract was broken, Judge {person} found."]),
            ("day", ["The ruling was handed down on {day}.", "The court gave its decision on {day}."]),
            ("number", ["The case had lasted {n2} months.", "The dispute went on for {n2} months."]),
            (None, ["{org} said it would study the ruling before deciding on an appeal.",
                    "The company will decide on an appeal after reading the judgment."]),
        ],
        "background": ["Lawyers for both sides declined to comment further.", "The contract covered packaging deliveries.",
                       "Similar cases are pending elsewhere.", "The hearing drew a large crowd."],
    },
    "vote": {
        "titles": ["{place} council approves harbour fee", "Harbour fee passes in {place}", "{place} votes for new harbour fee"],
        "facts": [
            ("number", ["The {place} council approved the harbour fee by {n1} votes to 20.",
                        "Councillors in {place} passed the harbour fee {n1} votes to 20."]),
            ("name", ["Council leader {person} proposed the fee.", "The fee was proposed by council leader {person}."]),
            ("day", ["The vote was held on {day}.", "Councillors voted on {day}."]),
            ("number", ["The fee is expected to raise {n2} million crowns a year.", "It should bring in {n2} million crowns a year."]),
            (None, ["The {org} group voted against.", "Members of {org} opposed the fee."]),
        ],
        "background": ["Shipping firms had lobbied against the plan.", "The fee takes effect next year.",
                       "Fishermen are exempt.", "The debate lasted several hours."],
    },
    "fire": {
        "titles": ["Fire destroys {org} factory in {place}", "Blaze at {place} factory", "{org} plant in {place} burns"],
        "facts": [
            ("day", ["Fire broke out at the {org} factory in {place} early on {day}.", "The {org} plant in {place} caught fire early on {day}."]),
            ("number", ["{n1} fire crews fought the blaze for most of the day.", "It took {n1} fire crews most of the day to put it out."]),
            ("number", ["About {n2}0 workers were evacuated.", "Some {n2}0 employees were led out of the building."]),
            ("name", ["Fire chief {person} said no one was hurt.", "No one was injured, fire chief {person} said."]),
            (None, ["The cause of the fire is not yet known.", "Investigators have not yet found the cause."]),
        ],
        "background": ["Smoke could be seen across the valley.", "Residents were told to keep windows closed.",
                       "The factory makes parts for boats.", "Production will move to another site."],
    },
    "strike": {
        "titles": ["Bus drivers strike in {place}", "{place} buses stop as drivers walk out", "Strike halts buses in {place}"],
        "facts": [
            ("day", ["Bus drivers in {place} stopped work on {day}.", "The drivers' strike in {place} began on {day}."]),
            ("number", ["About {n1}00 drivers joined the strike.", "Some {n1}00 drivers took part in the walkout."]),
            ("name", ["Union leader {person} said talks with {org} had failed.", "Talks with {org} broke down, union leader {person} said."]),
            ("number", ["The union wants a pay rise of {n2} percent.", "Drivers are asking for {n2} percent more pay."]),
            (None, ["Trains and trams ran as normal.", "Tram and train services were not affected."]),
        ],
        "background": ["Commuters faced long queues for taxis.", "Schools allowed pupils to arrive late.",
                       "The last strike was three years ago.", "Talks may resume next week."],
    },
}


def invented_name(rng: random.Random) -> str:
    return "".join(rng.sample(SYLLABLES, 2)).capitalize()


HUGE_SLOTS = {"place": "Harwick", "org": "Velstad Engineering", "person": "Lina Osk", "n1": 4, "n2": 31, "day": "Monday"}


def make_story(rng: random.Random, number: int, n_articles: int, conflict_rate: float, kind: str | None = None,
               slots: dict | None = None) -> tuple[list[dict], list[dict]]:
    """Articles (feed records) of one story and the conflicts planted in them."""
    kind = kind or rng.choice(sorted(TYPES))
    t = TYPES[kind]
    slots = slots or {"place": invented_name(rng), "org": invented_name(rng) + rng.choice(["", " Group", " Foods", " Energy"]),
                      "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "n1": rng.randint(3, 9),
                      "n2": rng.randint(11, 89), "day": rng.choice(DAYS)}
    if kind == "storm" and " " in slots["org"]:
        slots["org"] = invented_name(rng)
    base_day = rng.randint(1, 330)
    sid = f"s{number:04d}"
    records, planted = [], []
    reference_sentences: dict[int, str] = {}
    for k in range(n_articles):
        facts = list(range(len(t["facts"])))
        chosen = facts if k == 0 else sorted(rng.sample(facts, rng.randint(3, len(facts))))
        rng.shuffle(chosen)
        lines = []
        altered = None
        for f in chosen:
            what, wordings = t["facts"][f]
            wording = wordings[0] if k == 0 else rng.choice(wordings)
            values = dict(slots)
            if k > 0 and altered is None and what and f in reference_sentences and rng.random() < conflict_rate:
                values = altered_values(rng, values, what, wording)
                altered = (f, what)
            text = wording.format(**values)
            if k == 0:
                reference_sentences[f] = text
            elif altered and altered[0] == f:
                planted.append({"story": sid, "kind": what, "a_id": f"{sid}-a0", "b_id": f"{sid}-a{k}",
                                "a_text": reference_sentences[f], "b_text": text})
            lines.append(text)
        lines += rng.sample(t["background"], 2)
        day = base_day + rng.randint(0, 3)
        records.append({"id": f"{sid}-a{k}", "title": rng.choice(t["titles"]).format(**slots),
                        "source": f"{invented_name(rng)} {rng.choice(['Post', 'Herald', 'Radio', 'Wire', 'News'])}",
                        "date": f"2025-{1 + (day - 1) // 28 % 12:02d}-{1 + (day - 1) % 28:02d}",
                        "text": "\n".join(lines), "_story": sid})
    return records, planted


def altered_values(rng: random.Random, values: dict, what: str, wording: str) -> dict:
    """The story's values with one changed: a number this wording shows, the weekday or the person's surname."""
    values = dict(values)
    if what == "number":
        key = rng.choice([k for k in ("n1", "n2") if "{" + k + "}" in wording])
        values[key] = values[key] + rng.choice([-2, -1, 2, 3]) if values[key] > 3 else values[key] + 2
    elif what == "day":
        values["day"] = rng.choice([d for d in DAYS if d != values["day"]])
    elif what == "name":
        first, last = values["person"].split(" ")
        values["person"] = f"{first} {rng.choice([n for n in LAST if n != last])}"
    return values


def make_feed(n_articles: int, seed: int = 1, conflict_rate: float = 0.5) -> tuple[list[dict], list[dict]]:
    """About `n_articles` articles (exactly that many) in stories of 1 to 5 articles."""
    rng = random.Random(seed)
    records, planted, number = [], [], 0
    while len(records) < n_articles:
        size = min(n_articles - len(records), rng.choice([1, 2, 3, 3, 4, 4, 5]))
        recs, plants = make_story(rng, number, size, conflict_rate)
        records += recs
        planted += [p for p in plants]
        number += 1
    return records, planted


def huge_article(n_chars: int, seed: int = 1) -> str:
    """A long generated text on one invented story (the bridge type), in paragraphs, with few
    repeated sentences (repeats would be scored once and make the case too easy)."""
    rng = random.Random(seed)
    t = TYPES["bridge"]
    slots = HUGE_SLOTS
    who = ["a shop owner", "a commuter", "a council engineer", "a ferry captain", "a delivery driver", "a teacher",
           "a resident", "a nurse", "a taxi driver", "a student", "a retired welder", "a baker"]
    what = ["the detour", "the closure", "the repair plan", "the crack", "the girder", "the tunnel queue",
            "the ferry timetable", "the inspection report", "the city's warning", "the traffic lights"]
    how = ["added {n} minutes to the trip", "cost the business about {n} hundred crowns a week",
           "had been expected for {n} years", "was discussed at a meeting of {n} neighbours",
           "affected {n} buses an hour", "was mentioned in {n} letters to the council"]
    lead = " ".join(wordings[0].format(**slots) for _, wordings in t["facts"][:3])
    paragraphs, size = [t["titles"][0].format(**slots), lead], 0
    while size < n_chars:
        # restated facts with other numbers, days and names: similar to the short articles, so they pair
        sentences = [rng.choice(rng.choice(t["facts"])[1]).format(
            **{**slots, "n1": rng.randint(2, 999), "n2": rng.randint(2, 999), "day": rng.choice(DAYS),
               "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}"}) for _ in range(2)]
        for _ in range(2):
            sentences.append(f"Speaking to reporters in {slots['place']}, {rng.choice(who)} said that "
                             f"{rng.choice(what)} " + rng.choice(how).format(n=rng.randint(2, 999)) + ".")
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--conflict-rate", type=float, default=0.5, help="chance that a later article alters a fact")
    ap.add_argument("--huge", type=int, default=0, help="write a folder with one article of this many characters "
                                                        "plus two short articles of the same story instead")
    ap.add_argument("--story-field", action="store_true", help="give each record its true `story` (no grouping needed)")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    out = Path(a.output)
    if a.huge:
        out.mkdir(parents=True, exist_ok=True)
        (out / "huge.txt").write_text(huge_article(a.huge, a.seed), encoding="utf-8")
        recs, _ = make_story(random.Random(a.seed), 0, 2, 0.0, kind="bridge", slots=HUGE_SLOTS)
        for r in recs:
            (out / f"{r['id']}.txt").write_text(f"{r['title']}\n\n{r['text']}\n", encoding="utf-8")
        print(out)
        return
    records, planted = make_feed(a.articles, a.seed, a.conflict_rate)
    out.parent.mkdir(parents=True, exist_ok=True)
    def record(r: dict) -> dict:
        clean = {k: v for k, v in r.items() if k != "_story"}
        return {**clean, "story": r["_story"]} if a.story_field else clean

    out.write_text("".join(json.dumps(record(r)) + "\n" for r in records))
    truth = out.with_suffix(".planted.jsonl")
    truth.write_text("".join(json.dumps(p) + "\n" for p in planted))
    stories = out.with_suffix(".stories.json")
    stories.write_text(json.dumps({r["id"]: r["_story"] for r in records}))
    print(f"{out}: {len(records)} articles, {len({r['_story'] for r in records})} stories, {len(planted)} planted conflicts")


def write_feed(folder: Path, n: int, story_field: bool = True) -> tuple[Path, Path]:
    """`folder`/feed.jsonl with n generated articles and `folder`/planted.jsonl with its planted conflicts.
    Feeds of n and n + k articles agree on their first n records (the same seed)."""
    folder.mkdir(parents=True, exist_ok=True)
    records, planted = make_feed(n, seed=1)
    feed = folder / "feed.jsonl"
    lines = []
    for r in records:
        clean = {k: v for k, v in r.items() if k != "_story"}
        if story_field:
            clean["story"] = r["_story"]
        lines.append(json.dumps(clean) + "\n")
    feed.write_text("".join(lines))
    ids = {r["id"] for r in records}
    truth = folder / "planted.jsonl"
    truth.write_text("".join(json.dumps(p) + "\n" for p in planted if p["a_id"] in ids and p["b_id"] in ids))
    return feed, truth
