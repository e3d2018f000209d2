"""The quality-domain lists an organisation may start from (docs/adr/0024-…).

Each preset is a tuple of (key, label, kind, description). An organisation may take a preset,
add its own domains beside it, rename them or retire them: the presets are a starting point.
"""

from __future__ import annotations

from dataclasses import dataclass

from openqms.organisations.models import DomainKind


@dataclass(frozen=True)
class PresetDomain:
    key: str
    label: str
    kind: str
    description: str


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    summary: str
    domains: tuple[PresetDomain, ...]


D, E = DomainKind.DOMAIN.value, DomainKind.ENABLER.value

STEEEP_DOMAINS = (
    PresetDomain("safe", "Safe", D, "Avoiding harm to patients from the care that is meant to help them."),
    PresetDomain(
        "timely", "Timely", D, "Reducing waits and harmful delays for those who receive and give care."
    ),
    PresetDomain("effective", "Effective", D, "Care based on evidence, for those who will benefit."),
    PresetDomain("efficient", "Efficient", D, "Avoiding waste of equipment, supplies, ideas and energy."),
    PresetDomain(
        "equitable", "Equitable", D, "Care that does not vary in quality because of who someone is."
    ),
    PresetDomain(
        "person_centred",
        "Person-centred",
        D,
        "Care that respects and responds to each person's needs and values.",
    ),
)

STEEEP = Preset(
    "steeep",
    "STEEEP",
    "The Institute of Medicine's six domains: safe, timely, effective, efficient, equitable, person-centred.",
    STEEEP_DOMAINS,
)

WALES = Preset(
    "wales",
    "Wales Duty of Quality",
    "The six domains of quality and the six enablers of the Duty of Quality (Wales) statutory guidance.",
    (
        *STEEEP_DOMAINS,
        PresetDomain(
            "leadership", "Leadership", E, "Leaders who set direction and support a quality culture."
        ),
        PresetDomain(
            "workforce", "Workforce", E, "Enough people, with the skills and support to give good care."
        ),
        PresetDomain(
            "information", "Information", E, "Data and information that tell us how good our care is."
        ),
        PresetDomain(
            "learning_improvement_research",
            "Learning, improvement and research",
            E,
            "Learning from what happens, improving and researching as part of the work.",
        ),
        PresetDomain(
            "whole_system",
            "Whole-system approach",
            E,
            "Working with partners across the whole system of care.",
        ),
        PresetDomain(
            "culture_valuing_people",
            "Culture and valuing people",
            E,
            "A culture that values and listens to people.",
        ),
    ),
)

CQC = Preset(
    "cqc",
    "CQC's five key questions",
    "The Care Quality Commission asks whether services are safe, effective, caring, responsive and well-led.",
    (
        PresetDomain("safe", "Safe", D, "People are protected from abuse and avoidable harm."),
        PresetDomain("effective", "Effective", D, "Care, treatment and support achieve good outcomes."),
        PresetDomain(
            "caring",
            "Caring",
            D,
            "Staff involve people and treat them with compassion, kindness and respect.",
        ),
        PresetDomain(
            "responsive", "Responsive", D, "Services are organised so that they meet people's needs."
        ),
        PresetDomain(
            "well_led", "Well-led", D, "Leadership and governance assure high-quality, person-centred care."
        ),
    ),
)

PRESETS: dict[str, Preset] = {p.key: p for p in (STEEEP, WALES, CQC)}
