"""The demo trust's measures: what each one counts, who owns it, which units report it, and the
base rates its demo data are drawn from.

Base rates are in the units the measure is shown in (falls per 1,000 bed days, per cent, days) and
are plausible for an English acute trust, not published figures for any real one. A measure with a
target has three bands of underlying performance: "pass" (comfortably better than the target, so
the SPC limits clear it), "fail" (the limits miss it) and "around" (hit and miss); each reporting
unit is given one band, so a board shows all three kinds of assurance. Measures without a target
have one band, "usual".

`reported_by` names units: "wards" (every ward), "teams" (every team and ward), "board",
"divisions", a unit code, or a code prefix ending in "*"; a "!" in front excludes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Per-period denominators drawn from the ward's beds: the planner knows each ward's size.
BED_DAYS = "bed_days"
ADMISSIONS = "admissions"


@dataclass(frozen=True)
class MeasureSpec:
    code: str
    name: str
    definition: str
    unit_of_measurement: str
    measure_type: str
    quality_domain: str
    direction: str
    frequency: str
    chart_type: str
    model: str  # how data are drawn: rate | proportion | share | count | value | gap
    bands: dict[str, tuple[float, float]]
    reported_by: tuple[str, ...]
    data_source: str
    owner: str = "BOARD"  # the unit code of the owning board or division
    owner_title: str = ""  # the job title of the owning person on that unit
    data_shape: str = "value"
    multiplier: float = 1.0
    rollup: str = "none"
    default_target: float | None = None
    shared: bool = False
    # A named denominator, or a (low, high) range per month that each unit draws its size from.
    denominator: str | tuple[float, float] | None = None
    noise: float = 0.05  # period-to-period wobble beyond sampling: relative, or absolute for values
    bad_scale: float = 0.0  # for share and value models: how far a unit of "worse" moves the mean
    # How many units get each planted signal: "step" (improvement after an intervention, with the
    # limits recalculated), "trend" (getting worse lately) or "shift" (recently and suddenly worse).
    signals: dict[str, int] = field(default_factory=dict)
    intervention: tuple[str, str] = ("", "")  # (event label, reason for recalculating the limits)


DATIX, PAS, EROSTER, ESR, FFT = "Datix (incident reporting)", "PAS", "e-Roster (SafeCare)", "ESR", "FFT"
SAFE, TIMELY, EFFECTIVE, EFFICIENT, PERSON = "safe", "timely", "effective", "efficient", "person_centred"
INCREASE, DECREASE, NEITHER = "increase", "decrease", "neither"
WARDS_NOT_NEONATAL = ("wards", "!NEO-*")

# fmt: off
MEASURES: tuple[MeasureSpec, ...] = (
    MeasureSpec(
        "FALLS", "Inpatient falls per 1,000 bed days",
        "Falls of inpatients reported on Datix (any harm, including none), per 1,000 occupied bed days "
        "at midnight. Falls of visitors and staff are left out.",
        "falls per 1,000 bed days", "outcome", SAFE, DECREASE, "monthly", "u", "rate",
        {"usual": (5.0, 8.0)}, WARDS_NOT_NEONATAL, f"{DATIX}; bed days from {PAS}",
        owner_title="Chief Nurse", data_shape="ratio", multiplier=1000, rollup="ratio",
        denominator=BED_DAYS, noise=0.1, signals={"step": 3, "shift": 2},
        intervention=("Falls bundle started",
                      "Falls prevention bundle (bay tagging, lying and standing blood pressure, call bells "
                      "in reach) in use on every shift from this month: a new process, so new limits."),
    ),
    MeasureSpec(
        "PU-CAT2", "Hospital-acquired pressure ulcers, category 2 and above, per 1,000 bed days",
        "New category 2, 3, 4, unstageable and deep tissue pressure ulcers first found 72 hours or more "
        "after admission, validated by the tissue viability team, per 1,000 occupied bed days.",
        "pressure ulcers per 1,000 bed days", "outcome", SAFE, DECREASE, "monthly", "u", "rate",
        {"usual": (1.2, 2.5)}, ("wards",), f"{DATIX}, validated by tissue viability; bed days from {PAS}",
        owner_title="Chief Nurse", data_shape="ratio", multiplier=1000, rollup="ratio",
        denominator=BED_DAYS, noise=0.1, signals={"trend": 2, "step": 1},
        intervention=("SSKIN bundle relaunched",
                      "SSKIN bundle relaunched with two-hourly repositioning charts and new dynamic "
                      "mattresses: limits recalculated from the change."),
    ),
    MeasureSpec(
        "HAND-HYG", "Hand hygiene compliance",
        "Observed moments of hand hygiene (WHO five moments) that were compliant, as a percentage of "
        "the moments observed in the ward's monthly peer audit.",
        "% of observed moments", "process", SAFE, INCREASE, "monthly", "p", "proportion",
        {"pass": (99.0, 99.8), "around": (94.0, 97.0), "fail": (84.0, 89.0)}, ("wards",),
        "Infection prevention and control audit app", owner_title="Director of Quality Governance",
        data_shape="ratio", multiplier=100, rollup="ratio", default_target=95,
        denominator=(120, 220), noise=0.15, signals={"step": 1},
        intervention=("Glove awareness campaign",
                      "Ward-led 'gloves off' campaign and bare below the elbows checks at handover: "
                      "the process changed, so the limits start again."),
    ),
    MeasureSpec(
        "VTE-RA", "VTE risk assessment within 14 hours of admission",
        "Adult inpatients with a completed venous thromboembolism risk assessment within 14 hours of "
        "admission, as a percentage of adult admissions to the ward.",
        "% of admissions", "process", SAFE, INCREASE, "monthly", "p", "proportion",
        {"pass": (98.8, 99.6), "around": (93.5, 96.5), "fail": (84.0, 88.0)}, WARDS_NOT_NEONATAL,
        "Electronic prescribing (EPMA)", owner_title="Medical Director", data_shape="ratio",
        multiplier=100, rollup="ratio", default_target=95, denominator=ADMISSIONS, noise=0.1,
        signals={"shift": 1},
    ),
    MeasureSpec(
        "OBS-ON-TIME", "Observations (NEWS2) done on time",
        "Sets of vital-sign observations recorded no later than their due time, as set by the patient's "
        "NEWS2 score, as a percentage of the sets due in the week.",
        "% of observation sets due", "process", SAFE, INCREASE, "weekly", "pp", "proportion",
        {"pass": (95.0, 97.0), "around": (88.0, 92.0), "fail": (76.0, 82.0)}, WARDS_NOT_NEONATAL,
        "Electronic observations (NEWS2)", owner_title="Chief Nurse", data_shape="ratio",
        multiplier=100, rollup="ratio", default_target=90, denominator=(3500, 7000), noise=0.06,
        signals={"shift": 1},
    ),
    MeasureSpec(
        "SEPSIS-1H", "Sepsis screening and antibiotics within 1 hour",
        "Patients who met the sepsis screening criteria (NEWS2 of 5 or more, or suspected infection) "
        "and were screened and, where indicated, given antibiotics within one hour, as a percentage of "
        "patients who met the criteria.",
        "% of patients meeting the criteria", "process", SAFE, INCREASE, "monthly", "p", "proportion",
        {"pass": (98.5, 99.5), "around": (86.0, 92.0), "fail": (62.0, 70.0)},
        ("wards", "ED-MAJ", "ED-RES", "ED-CED", "!NEO-*", "!MAT-*"),
        "Electronic observations (NEWS2) and EPMA", owner_title="Medical Director", data_shape="ratio",
        multiplier=100, rollup="ratio", default_target=90, denominator=(40, 90), noise=0.1,
    ),
    MeasureSpec(
        "RN-FILL-DAY", "Registered nurse fill rate, day shifts",
        "Hours worked by registered nurses and midwives on day shifts as a percentage of the hours "
        "planned on the roster (the safer staffing return). Over 100% means extra staff were needed.",
        "% of planned hours", "structure", SAFE, INCREASE, "weekly", "xmr", "share",
        {"pass": (101.0, 104.0), "around": (93.0, 97.0), "fail": (84.0, 88.0)}, ("wards",),
        EROSTER, owner_title="Chief Nurse", data_shape="ratio", multiplier=100, rollup="ratio",
        default_target=95, denominator=(1500, 2400), noise=1.5, bad_scale=9,
    ),
    MeasureSpec(
        "RN-FILL-NIGHT", "Registered nurse fill rate, night shifts",
        "Hours worked by registered nurses and midwives on night shifts as a percentage of the hours "
        "planned on the roster (the safer staffing return).",
        "% of planned hours", "structure", SAFE, INCREASE, "weekly", "xmr", "share",
        {"pass": (100.0, 103.0), "around": (93.0, 97.0), "fail": (82.0, 87.0)}, ("wards",),
        EROSTER, owner_title="Chief Nurse", data_shape="ratio", multiplier=100, rollup="ratio",
        default_target=95, denominator=(1100, 1800), noise=1.5, bad_scale=9, signals={"shift": 2},
    ),
    MeasureSpec(
        "FFT-POS", "Friends and Family Test: positive responses",
        "Responses of 'very good' or 'good' to 'Overall, how was your experience of our service?', as "
        "a percentage of all responses from patients of the ward or team that month.",
        "% of responses", "outcome", PERSON, INCREASE, "monthly", "p", "proportion",
        {"pass": (97.5, 99.0), "around": (90.0, 94.0), "fail": (72.0, 80.0)},
        ("wards", "ED-MAJ", "ED-MIN", "ED-CED", "MAT-CM*", "COM-DN*", "OPD-MAIN", "OPD-EYE"),
        f"{FFT} (SMS and QR-code survey)", owner_title="Chief Nurse", data_shape="ratio",
        multiplier=100, rollup="ratio", default_target=90, shared=True, denominator=(60, 160),
        noise=0.1, signals={"trend": 1},
    ),
    MeasureSpec(
        "COMPLAINTS", "Formal complaints received",
        "Formal complaints received by the Patient Advice and Liaison Service about the ward or team, "
        "counted in the month they were received.",
        "complaints", "outcome", PERSON, DECREASE, "monthly", "c", "count",
        {"usual": (0.6, 2.5)}, ("wards", "ED-MAJ", "ED-MIN", "OPD-*", "MAT-CM*", "COM-DN*"),
        "Complaints system (PALS)", owner_title="Director of Quality Governance", rollup="sum", noise=0.1,
    ),
    MeasureSpec(
        "MED-INC", "Medication incidents reported",
        "Incidents involving medicines reported on Datix, at any level of harm. A steady flow of "
        "reports is a sign of a reporting culture, so neither direction is better.",
        "incidents", "process", SAFE, NEITHER, "monthly", "c", "count",
        {"usual": (2.0, 7.0)}, ("wards", "ED-MAJ", "PHA-DISP", "PHA-WARD"), DATIX,
        owner_title="Medical Director", rollup="sum", noise=0.1,
    ),
    MeasureSpec(
        "SICKNESS", "Sickness absence",
        "Full-time-equivalent days lost to sickness as a percentage of the full-time-equivalent days "
        "available in the month.",
        "% of FTE days", "structure", EFFICIENT, DECREASE, "monthly", "xmr", "share",
        {"pass": (2.2, 2.9), "around": (3.7, 4.3), "fail": (5.8, 7.2)}, ("teams",), ESR,
        owner_title="Chief Operating Officer", data_shape="ratio", multiplier=100, rollup="ratio",
        default_target=4.5, denominator=(250, 900), noise=0.35, bad_scale=2.2, signals={"shift": 3},
    ),
    MeasureSpec(
        "TURNOVER", "Staff turnover (rolling 12 months)",
        "Leavers in the last 12 months as a percentage of the average headcount over those months; "
        "rotations and fixed-term junior doctors are left out.",
        "% of headcount", "structure", EFFICIENT, DECREASE, "monthly", "xmr", "value",
        {"usual": (8.0, 16.0)}, ("wards", "ED-*", "THE-*", "COM-*", "MAT-*"), ESR,
        owner_title="Chief Operating Officer", noise=0.05, bad_scale=4,
    ),
    MeasureSpec(
        "ED-4H", "Emergency department: 4-hour performance",
        "Attendances admitted, transferred or discharged within four hours of arrival, as a percentage "
        "of all attendances (the ECDS four-hour standard).",
        "% of attendances", "process", TIMELY, INCREASE, "monthly", "pp", "proportion",
        {"pass": (90.0, 95.0), "around": (75.0, 80.0), "fail": (55.0, 64.0)},
        ("ED-MAJ", "ED-MIN", "ED-CED", "ED-SDEC"), "ECDS", owner="MED",
        owner_title="Divisional Director of Operations", data_shape="ratio", multiplier=100,
        rollup="ratio", default_target=76, denominator=(900, 4500), noise=0.05, signals={"step": 1},
        intervention=("Rapid assessment and treatment",
                      "Rapid assessment and treatment (RAT) by a senior decision maker at the front door "
                      "from this month: the flow changed, so the limits start again."),
    ),
    MeasureSpec(
        "RTT-18W", "Referral to treatment within 18 weeks",
        "Patients on the incomplete referral-to-treatment waiting list who have waited under 18 weeks, "
        "as a percentage of everyone on the list at the end of the month.",
        "% of incomplete pathways", "process", TIMELY, INCREASE, "monthly", "pp", "proportion",
        {"pass": (92.5, 95.0), "around": (88.0, 93.0), "fail": (55.0, 66.0)},
        ("CAR", "RESP", "GAS", "GS", "TO", "URO", "GYN", "PAED"), f"{PAS} (RTT waiting list)",
        owner_title="Chief Operating Officer", data_shape="ratio", multiplier=100, rollup="ratio",
        default_target=92, denominator=(2500, 12000), noise=0.04,
    ),
    MeasureSpec(
        "OPD-WAIT", "Outpatient wait for a first appointment (median)",
        "Median days from referral received to first outpatient attendance, for patients first seen "
        "in the month.",
        "median days", "process", TIMELY, DECREASE, "monthly", "xmr", "value",
        {"usual": (35.0, 90.0)},
        ("OPD-MAIN", "OPD-EYE", "OPD-PAIN", "TO-OP", "TO-FRAC", "PAED-OP", "GYN-COL"), PAS,
        owner="CSC", owner_title="Divisional Director of Operations", noise=0.08, bad_scale=25,
        signals={"trend": 1},
    ),
    MeasureSpec(
        "OPD-DNA", "Outpatient appointments not attended",
        "First and follow-up appointments the patient did not attend without notice, as a percentage "
        "of appointments booked.",
        "% of booked appointments", "balancing", EFFICIENT, DECREASE, "monthly", "pp", "proportion",
        {"usual": (5.5, 10.0)}, ("OPD-*", "TO-OP", "PAED-OP"), PAS, owner="CSC",
        owner_title="Divisional Director of Operations", data_shape="ratio", multiplier=100,
        rollup="ratio", denominator=(900, 3500), noise=0.06,
    ),
    MeasureSpec(
        "COM-WAIT", "Community referral to first visit (median)",
        "Median working days from an accepted referral to the first face-to-face visit, for patients "
        "first visited in the month.",
        "median days", "process", TIMELY, DECREASE, "monthly", "xmr", "value",
        {"usual": (3.0, 12.0)}, ("COM-*", "!COM-IC", "PAED-CCN", "STR-ESD"), "SystmOne", owner="CSC",
        owner_title="Divisional Director of Nursing", noise=0.1, bad_scale=5,
    ),
    MeasureSpec(
        "COM-VISITS", "Planned community visits completed",
        "Planned visits on the caseload that were made on the day planned, as a percentage of planned "
        "visits; visits cancelled by the patient are left out.",
        "% of planned visits", "process", EFFECTIVE, INCREASE, "monthly", "pp", "proportion",
        {"pass": (97.5, 99.0), "around": (93.0, 96.0), "fail": (84.0, 89.0)},
        ("COM-*", "!COM-IC", "PAED-CCN", "STR-ESD"), "SystmOne", owner="CSC",
        owner_title="Divisional Director of Nursing", data_shape="ratio", multiplier=100,
        rollup="ratio", default_target=95, denominator=(600, 3800), noise=0.03, signals={"shift": 1},
    ),
    MeasureSpec(
        "THE-CANC", "Operations cancelled on the day for non-clinical reasons",
        "Elective operations cancelled on the day of surgery, or after admission, for reasons other "
        "than the patient's clinical condition (no bed, list overran, equipment, staff).",
        "cancellations", "outcome", EFFICIENT, DECREASE, "monthly", "c", "count",
        {"usual": (4.0, 14.0)}, ("THE-MAIN", "THE-DAY", "THE-EYE"), "Theatre management system (TheatreMan)",
        owner="SUR", owner_title="Divisional Director of Operations", rollup="sum", noise=0.1,
    ),
    MeasureSpec(
        "THE-UTIL", "Theatre utilisation (touch time)",
        "Minutes from anaesthetic start to the patient leaving theatre, as a percentage of the planned "
        "session minutes of the lists that ran.",
        "% of session time", "process", EFFICIENT, INCREASE, "monthly", "xmr", "share",
        {"pass": (88.0, 91.0), "around": (82.0, 86.0), "fail": (70.0, 76.0)},
        ("THE-MAIN", "THE-DAY", "THE-EYE"), "Theatre management system (TheatreMan)", owner="SUR",
        owner_title="Divisional Director of Operations", data_shape="ratio", multiplier=100,
        rollup="ratio", default_target=85, denominator=(9000, 36000), noise=1.2, bad_scale=6,
    ),
    MeasureSpec(
        "PPH-1500", "Postpartum haemorrhage of 1,500 ml or more",
        "Births followed by a measured blood loss of 1,500 ml or more, as a percentage of births.",
        "% of births", "outcome", SAFE, DECREASE, "monthly", "p", "proportion",
        {"usual": (2.0, 3.8)}, ("MAT-DS", "MAT-BC"), "Maternity information system (BadgerNet)",
        owner="WAC", owner_title="Divisional Director of Nursing", data_shape="ratio", multiplier=100,
        rollup="ratio", denominator=(60, 320), noise=0.1,
    ),
    MeasureSpec(
        "OASI", "Third and fourth degree perineal tears",
        "Vaginal births with an obstetric anal sphincter injury, as a percentage of vaginal births.",
        "% of vaginal births", "outcome", SAFE, DECREASE, "monthly", "p", "proportion",
        {"usual": (2.0, 3.5)}, ("MAT-DS", "MAT-BC"), "Maternity information system (BadgerNet)",
        owner="WAC", owner_title="Divisional Director of Nursing", data_shape="ratio", multiplier=100,
        rollup="ratio", denominator=(50, 220), noise=0.1,
    ),
    MeasureSpec(
        "DM01", "Diagnostic waits over 6 weeks",
        "Patients waiting more than six weeks for a diagnostic test at the end of the month, as a "
        "percentage of everyone waiting (the DM01 return).",
        "% of patients waiting", "process", TIMELY, DECREASE, "monthly", "pp", "proportion",
        {"pass": (0.8, 2.5), "around": (4.0, 6.0), "fail": (12.0, 22.0)},
        ("RAD-CT", "RAD-MRI", "RAD-US", "GAS-ENDO", "RESP-LF"), "Radiology information system and PAS",
        owner="CSC", owner_title="Divisional Director of Operations", data_shape="ratio", multiplier=100,
        rollup="ratio", default_target=5, denominator=(400, 2600), noise=0.08,
    ),
    MeasureSpec(
        "LAB-TAT", "Laboratory results within turnaround time",
        "Requests reported within the agreed turnaround time for their priority (urgent one hour, "
        "routine 24 hours), as a percentage of requests received.",
        "% of requests", "process", TIMELY, INCREASE, "monthly", "pp", "proportion",
        {"pass": (96.5, 98.5), "around": (89.0, 92.0), "fail": (78.0, 84.0)},
        ("PATH-BS", "PATH-MIC", "PATH-CP"), "Laboratory information system (Winpath)", owner="CSC",
        owner_title="Divisional Director of Operations", data_shape="ratio", multiplier=100,
        rollup="ratio", default_target=90, denominator=(8000, 60000), noise=0.01,
    ),
    MeasureSpec(
        "TTO-2H", "Discharge medicines (TTOs) ready within 2 hours",
        "To-take-out prescriptions dispensed and checked within two hours of reaching pharmacy, as a "
        "percentage of TTOs received.",
        "% of TTOs", "process", TIMELY, INCREASE, "monthly", "pp", "proportion",
        {"pass": (93.0, 96.0), "around": (84.0, 88.0), "fail": (65.0, 74.0)}, ("PHA-DISP", "PHA-WARD"),
        "Pharmacy system (JAC)", owner="CSC", owner_title="Divisional Director of Operations",
        data_shape="ratio", multiplier=100, rollup="ratio", default_target=85, denominator=(700, 1600),
        noise=0.04,
    ),
    MeasureSpec(
        "THR-2D", "Therapy referrals seen within 2 working days",
        "Inpatient referrals to the therapy team first seen within two working days, as a percentage of "
        "referrals received.",
        "% of referrals", "process", TIMELY, INCREASE, "monthly", "p", "proportion",
        {"pass": (96.0, 98.5), "around": (88.0, 92.0), "fail": (72.0, 80.0)}, ("THR-*",),
        "Therapy activity system", owner="CSC", owner_title="Divisional Director of Nursing",
        data_shape="ratio", multiplier=100, rollup="ratio", default_target=90, denominator=(150, 420),
        noise=0.06,
    ),
    MeasureSpec(
        "STROKE-4H", "Stroke patients admitted to a stroke unit within 4 hours",
        "Patients with a confirmed stroke admitted directly to the hyperacute stroke unit within four "
        "hours of arrival, as a percentage of stroke admissions (SSNAP).",
        "% of stroke admissions", "process", TIMELY, INCREASE, "monthly", "p", "proportion",
        {"around": (55.0, 65.0)}, ("STR-HASU",), "SSNAP", owner="MED",
        owner_title="Divisional Director of Operations", data_shape="ratio", multiplier=100,
        rollup="ratio", default_target=60, denominator=(40, 75), noise=0.08,
    ),
    MeasureSpec(
        "HIP-36H", "Hip fracture surgery within 36 hours",
        "Patients with a fractured neck of femur who had surgery within 36 hours of arrival, as a "
        "percentage of hip fracture admissions (National Hip Fracture Database).",
        "% of hip fractures", "process", TIMELY, INCREASE, "monthly", "p", "proportion",
        {"fail": (50.0, 60.0)}, ("TO-HIP",), "National Hip Fracture Database", owner="SUR",
        owner_title="Divisional Director of Operations", data_shape="ratio", multiplier=100,
        rollup="ratio", default_target=85, denominator=(30, 55), noise=0.08,
    ),
    MeasureSpec(
        "CDIFF", "Clostridioides difficile infections (healthcare-associated)",
        "Hospital-onset healthcare-associated and community-onset healthcare-associated C. difficile "
        "infections, as reported to the UKHSA data capture system.",
        "cases", "outcome", SAFE, DECREASE, "monthly", "c", "count",
        {"usual": (4.0, 6.0)}, ("board",), "UKHSA HCAI data capture system",
        owner_title="Chief Nurse", rollup="sum", noise=0.1,
    ),
    MeasureSpec(
        "MSSA", "MSSA bacteraemia (hospital-onset)",
        "Meticillin-sensitive Staphylococcus aureus bloodstream infections first positive two or more "
        "days after admission.",
        "cases", "outcome", SAFE, DECREASE, "monthly", "c", "count",
        {"usual": (1.5, 2.5)}, ("board",), "UKHSA HCAI data capture system",
        owner_title="Chief Nurse", rollup="sum", noise=0.1,
    ),
    MeasureSpec(
        "ECOLI", "E. coli bacteraemia (healthcare-associated)",
        "Escherichia coli bloodstream infections, hospital-onset and community-onset healthcare-"
        "associated.",
        "cases", "outcome", SAFE, DECREASE, "monthly", "c", "count",
        {"usual": (5.0, 8.0)}, ("board",), "UKHSA HCAI data capture system",
        owner_title="Chief Nurse", rollup="sum", noise=0.1, signals={"trend": 1},
    ),
    MeasureSpec(
        "NEVER-DAYS", "Days between never events",
        "Days from one never event to the next (each point is a never event on the day it happened), "
        "as declared on the Learn from Patient Safety Events service. More days between is better.",
        "days", "outcome", SAFE, INCREASE, "daily", "g", "gap",
        {"usual": (55.0, 75.0)}, ("board",), "Learn from Patient Safety Events (LFPSE)",
        owner_title="Director of Quality Governance",
    ),
)
# fmt: on

# Wards of this size or less: critical care, coronary care, neonatal, decision units.
SMALL_WARDS = ("CC-", "NEO-", "ED-CDU", "STR-HASU", "CAR-CCU", "MAT-DS", "MAT-BC")


def reports(spec: MeasureSpec, code: str, kind: str) -> bool:
    """Whether the unit with this code and kind reports the measure."""

    def matches(rule: str) -> bool:
        if rule == "wards":
            return kind == "ward"
        if rule == "teams":
            return kind in ("ward", "team")
        if rule == "board":
            return kind == "board"
        if rule == "divisions":
            return kind == "division"
        if rule.endswith("*"):
            return code.startswith(rule[:-1])
        return code == rule

    included = any(matches(rule) for rule in spec.reported_by if not rule.startswith("!"))
    excluded = any(matches(rule[1:]) for rule in spec.reported_by if rule.startswith("!"))
    return included and not excluded
