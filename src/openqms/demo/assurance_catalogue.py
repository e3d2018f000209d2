# ruff: noqa: E501  (the demo's frameworks and questions read better unbroken)
"""The demo trust's assurance catalogue: the two external frameworks written for the demo (a
regulator's quality statements and an infection prevention accreditation scheme, fictional, not
copied from any real one), the trust's own standards mapped to them, and its four audit templates.
`assurance_demo` loads them and a year of audits.
"""

from __future__ import annotations

from typing import Any

# (code, section, title, text)
QUALITY_STATEMENTS = (
    (
        "S1",
        "Safe",
        "Learning from safety events",
        "Staff report incidents and near misses, and the service investigates them openly, learns from them and shares what it learnt.",
    ),
    (
        "S2",
        "Safe",
        "Safeguarding",
        "People are protected from abuse and neglect; staff know how to recognise and report concerns, and the service acts on them.",
    ),
    (
        "S3",
        "Safe",
        "Infection prevention and control",
        "People are protected from avoidable infection: staff follow hand hygiene and cleaning standards, and the environment is clean.",
    ),
    (
        "S4",
        "Safe",
        "Medicines",
        "Medicines are ordered, stored, given and recorded safely, at the right temperature and securely.",
    ),
    (
        "S5",
        "Safe",
        "Safe staffing",
        "There are enough staff with the right skills on every shift, and gaps are escalated.",
    ),
    (
        "E1",
        "Effective",
        "Assessment and care planning",
        "People's needs are assessed on admission and their care plans are reviewed as their needs change.",
    ),
    (
        "E2",
        "Effective",
        "Records",
        "Records are accurate, complete, legible, dated and signed, and kept securely.",
    ),
    (
        "C1",
        "Caring",
        "Dignity and privacy",
        "People are treated with kindness, dignity and respect, and their privacy is protected.",
    ),
    (
        "R1",
        "Responsive",
        "Listening to concerns",
        "People can raise concerns easily and the service responds and shows what changed.",
    ),
    (
        "W1",
        "Well-led",
        "Governance and assurance",
        "Leaders know how well standards are met, through audit and measurement, and act on the gaps.",
    ),
    (
        "W2",
        "Well-led",
        "Learning and improvement",
        "The service improves continuously, using data and the ideas of staff and the people it serves.",
    ),
)

INFECTION_SCHEME = (
    (
        "1.1",
        "Hand hygiene",
        "Hand hygiene compliance",
        "Hand hygiene is audited monthly in every clinical area, with at least 95 % compliance sustained.",
    ),
    (
        "1.2",
        "Hand hygiene",
        "Bare below the elbows",
        "Clinical staff are bare below the elbows when giving care.",
    ),
    (
        "2.1",
        "Environment",
        "Cleaning schedules",
        "Cleaning schedules are displayed and signed, and cleanliness is audited.",
    ),
    (
        "2.2",
        "Environment",
        "Equipment decontamination",
        "Shared equipment is cleaned between patients and labelled as clean.",
    ),
    (
        "3.1",
        "Antimicrobial stewardship",
        "Antimicrobial review",
        "Antimicrobial prescriptions are reviewed within 72 hours.",
    ),
    (
        "4.1",
        "Education",
        "Infection prevention training",
        "Staff complete infection prevention training every year.",
    ),
)

# (code, domain, title, statement, evidence expected, [(framework code, requirement code)], status)
STANDARDS = (
    (
        "SC-01",
        "Safe care",
        "Hand hygiene",
        "Every member of staff cleans their hands at the five moments and is bare below the elbows in clinical areas.",
        "Monthly hand hygiene audit of every ward; infection rates.",
        [("NCQR", "S3"), ("IPAS", "1.1"), ("IPAS", "1.2")],
        "approved",
    ),
    (
        "SC-02",
        "Safe care",
        "Medicines storage",
        "Medicines are stored securely and at the right temperature; controlled drugs are checked every day.",
        "Monthly medicines storage audit; fridge temperature logs.",
        [("NCQR", "S4")],
        "approved",
    ),
    (
        "SC-03",
        "Safe care",
        "Safeguarding adults and children",
        "Staff recognise, record and report safeguarding concerns the same day and know their safeguarding lead.",
        "Quarterly safeguarding audit; training records.",
        [("NCQR", "S2")],
        "approved",
    ),
    (
        "SC-04",
        "Safe care",
        "Clean environment and equipment",
        "Wards and shared equipment are cleaned to schedule and labelled clean between patients.",
        "Cleanliness audits; equipment labels.",
        [("IPAS", "2.1"), ("IPAS", "2.2")],
        "approved",
    ),
    (
        "EC-01",
        "Effective care",
        "Record keeping",
        "Every entry in a patient's record is dated, timed, signed and legible, and the care plan is reviewed at least weekly.",
        "Quarterly record keeping audit of ten sets of notes.",
        [("NCQR", "E2"), ("NCQR", "E1")],
        "approved",
    ),
    (
        "PC-01",
        "Person-centred care",
        "Dignity and privacy",
        "Curtains are closed for personal care, conversations about care are held privately, and people are called by the name they choose.",
        "Walk-rounds with service users; Friends and Family Test comments.",
        [("NCQR", "C1")],
        "approved",
    ),
    (
        "WL-01",
        "Well-led",
        "Learning from incidents",
        "Every ward reviews its incidents monthly at its quality meeting and shares one learning point trust-wide.",
        "Quality meeting minutes; incident reports.",
        [("NCQR", "S1"), ("NCQR", "W2")],
        "approved",
    ),
    (
        "PC-02",
        "Person-centred care",
        "Visiting and carers",
        "Carers are welcomed at any time, involved in care planning with the patient's agreement, and offered support.",
        "Carers' survey; care plans.",
        [("NCQR", "R1")],
        "draft",
    ),
)

# The control measures that show each standard is met, where the demo reports them.
MEASURES = {
    "SC-01": ("HAND-HYG", "CDIFF"),
    "SC-02": ("MED-INC", "TTO-2H"),
    "SC-04": ("CDIFF", "MSSA", "ECOLI"),
    "EC-01": ("VTE-RA", "OBS-ON-TIME"),
    "PC-01": ("FFT-POS", "COMPLAINTS"),
    "WL-01": ("MED-INC", "NEVER-DAYS"),
}

YES_NO = "yes_no"
# Templates: code, name, purpose, sample size, pass threshold, recurrence (months), questions:
# (text, guidance, answer type, standard code, weight, extra fields)
TEMPLATES: tuple[
    tuple[
        str, str, str, int, float, int, tuple[tuple[str, str, str, str | None, float, dict[str, Any]], ...]
    ],
    ...,
] = (
    (
        "HH",
        "Hand hygiene audit",
        "Observe ten opportunities for hand hygiene across the ward, at different times and with different staff groups.",
        10,
        95.0,
        1,
        (
            (
                "Hands cleaned at the moment observed?",
                "Soap and water or alcohol gel, before or after the contact as the five moments say.",
                YES_NO,
                "SC-01",
                3.0,
                {},
            ),
            (
                "Bare below the elbows?",
                "No long sleeves, wrist watches or stoned rings.",
                YES_NO,
                "SC-01",
                1.0,
                {},
            ),
            (
                "Gel available at the point of care?",
                "",
                "choice",
                "SC-04",
                1.0,
                {
                    "choices": "At the bedside\nAt the bay entrance only\nNone within reach",
                    "passing": "At the bedside",
                },
            ),
            (
                "Staff group observed",
                "",
                "choice",
                None,
                0.0,
                {"choices": "Nurse\nHealthcare assistant\nDoctor\nTherapist\nOther"},
            ),
        ),
    ),
    (
        "RK",
        "Record keeping audit",
        "Review ten sets of notes of patients on the ward today.",
        10,
        90.0,
        3,
        (
            ("Every entry dated, timed and signed?", "", YES_NO, "EC-01", 2.0, {}),
            ("Entries legible?", "", YES_NO, "EC-01", 1.0, {}),
            ("Care plan reviewed in the last 7 days?", "", YES_NO, "EC-01", 2.0, {}),
            ("Allergy status recorded?", "", YES_NO, "SC-02", 1.0, {}),
            ("Date of the last care plan review", "", "date", None, 0.0, {}),
        ),
    ),
    (
        "MS",
        "Medicines storage audit",
        "Check the clinic room, the medicines fridge and the controlled drugs register.",
        1,
        85.0,
        1,
        (
            (
                "Medicines fridge temperature now (°C)",
                "Read the thermometer; the safe range is 2 to 8 °C.",
                "number",
                "SC-02",
                2.0,
                {"minimum": 2.0, "maximum": 8.0},
            ),
            ("Fridge temperature recorded every day this month?", "", YES_NO, "SC-02", 1.0, {}),
            ("Clinic room locked?", "", YES_NO, "SC-02", 1.0, {}),
            ("Controlled drugs register checked by two nurses every day?", "", YES_NO, "SC-02", 2.0, {}),
            ("Anything else found", "", "text", None, 0.0, {}),
        ),
    ),
    (
        "SG",
        "Safeguarding audit",
        "Ask five staff on shift; check the safeguarding folder.",
        5,
        90.0,
        3,
        (
            ("Knows who the safeguarding lead is?", "", YES_NO, "SC-03", 1.0, {}),
            (
                "Safeguarding training up to date?",
                "Level 2 for all clinical staff, level 3 for registered staff.",
                YES_NO,
                "SC-03",
                2.0,
                {},
            ),
            ("Knows how to raise a concern out of hours?", "", YES_NO, "SC-03", 1.0, {}),
        ),
    ),
)
