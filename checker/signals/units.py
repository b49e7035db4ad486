"""Units of measure after a number, read by pint: "eight kilometres" and "some 11 km" are both lengths.

A number followed by a unit of length, mass, area, volume, speed, power or energy becomes an amount of
that dimension in SI base units, so that the number rule compares "8 kilometres" with "11 km" or "5,000
tonnes" with "five million kilograms" as it compares durations in different units (numbers.py).

Library: pint (the units registry of the scientific Python stack) reads the unit, in any spelling it
knows ("km", "kilometres", "kilometers", "sq km", "square miles", "mph") and with any SI prefix, and
gives the conversion. What is kept here is only which of pint's units count as measures in news: pint
also defines units named by ordinary words ("point", "hand", "stone", "line", "bar", "cup"), which after
a number in a news sentence count things ("rose 5 points", "three bars"), so a unit is taken only when
pint's canonical name for it is one of `_MEASURES`.

Not for: money and percentages (numbers.py), lengths of time (numbers.TIME_UNITS_IN_DAYS), dates.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# pint's canonical unit names that news uses as measures, by the dimension they measure; SI prefixes of
# them ("kilo", "mega", "milli") are read by pint and count too. Square and cubic forms of a length are
# an area and a volume.
_MEASURES = {
    "length": ("meter", "mile", "foot", "inch", "yard", "nautical_mile"),
    "mass": ("gram", "metric_ton", "ton", "ounce"),
    "area": ("hectare", "acre"),
    "volume": ("liter", "gallon", "barrel"),
    "speed": ("mile_per_hour", "knot"),
    "power": ("watt",),
    "energy": ("watt_hour",),
}
_DIMENSION_OF = {name: dim for dim, names in _MEASURES.items() for name in names}
_POWERS = {"square": ("area", 2), "sq": ("area", 2), "cubic": ("volume", 3)}
POWER_WORDS = frozenset(_POWERS)  # words before a unit of length that make it an area or a volume


@dataclass(frozen=True)
class Measure:
    """A unit of measure read from the words after a number."""

    dimension: str  # "length", "mass", "area", "volume", "speed", "power" or "energy"
    factor: float  # one of the unit in SI base units (metres, kilograms, square metres, ...)


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint
    return pint.UnitRegistry()


@lru_cache(maxsize=4096)
def _unit(word: str) -> tuple[str, float] | None:
    """(dimension, factor) of one unit word pint knows and `_MEASURES` lists, as written ("MW" is a
    megawatt, "mW" a milliwatt) or else in lower case ("Kilometres"), else None."""
    word = word.replace("-", "_")  # "kilowatt-hours"
    if len(word) < 2 or not word.replace("_", "").isalpha():
        return None  # single letters ("m", "g") are too often something else
    return _unit_as_written(word) or (_unit_as_written(word.lower()) if word != word.lower() else None)


def _unit_as_written(word: str) -> tuple[str, float] | None:
    registry = _registry()
    try:
        parsed = registry.parse_unit_name(word)
    except Exception:  # pint raises its own errors for words it cannot read
        return None
    dims = {_DIMENSION_OF.get(name) for _, name, _ in parsed}
    if len(dims) != 1 or None in dims:
        return None
    try:
        factor = float(registry.Quantity(1, word).to_base_units().magnitude)
    except Exception:
        return None
    return dims.pop(), factor


def read_joined_measure(words: tuple[str, ...]) -> Measure | None:
    """A unit of two words that pint names as one ("nautical", "miles"; "metric", "tons"): not a mile, not a
    ton; else None."""
    if len(words) != 2 or not words[0].isalpha():
        return None
    unit = _unit(f"{words[0]}_{words[1].rstrip('.,')}")
    return Measure(*unit) if unit else None


@lru_cache(maxsize=4096)
def read_measure(words: tuple[str, ...]) -> Measure | None:
    """The unit of measure that the words after a number name ("kilometres"; "square", "miles";
    "km/h"), else None. Only the first one or two words are read."""
    if not words:
        return None
    first = words[0].rstrip(".,")
    if first.lower() in _POWERS and len(words) > 1:
        unit = _unit(words[1].rstrip(".,"))
        if unit is None or unit[0] != "length":
            return None
        dimension, power = _POWERS[first.lower()]
        return Measure(dimension, unit[1] ** power)
    if first.lower() in ("km/h", "kph", "kmh"):
        return Measure("speed", 1000 / 3600)
    joined = read_joined_measure(words[:2]) if len(words) > 1 else None
    if joined is not None:
        return joined
    unit = _unit(first)
    return Measure(*unit) if unit else None
