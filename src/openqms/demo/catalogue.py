"""The shape of the demo trust: its divisions, services, teams and wards, and who works where.

Ward names are written "Ward {n} - Cardiology" with a plain hyphen, which the generator sets as
the en dash NHS signage uses, so that this file stays plain ASCII. Team names may hold two
placeholders that the generator fills from the seed, so that different seeds give recognisably
different trusts: "{ward}" (a ward name such as Larch or Kingfisher) and "{n}" (a ward number).
Everything else here is fixed, so a demo looks like the same hospital to everyone who opens it.
"""

from __future__ import annotations

from dataclasses import dataclass

ORGANISATION_NAME = "Northshire Hospitals NHS Foundation Trust"
# Fictional, in the shape of an ODS trust code; detecting an existing demo relies on it.
ORGANISATION_CODE = "RZZ"
BOARD_NAME = "Trust Board"
EMAIL_DOMAIN = "northshire.example"


@dataclass(frozen=True)
class TeamSpec:
    name: str
    kind: str  # "ward" or "team"
    code: str


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    code: str
    profile: str  # a key of PROFILES: the kind of staff who work in its teams
    senior_clinician: str  # the job title of its consultants or senior clinicians
    teams: tuple[TeamSpec, ...]
    has_matron: bool = True


@dataclass(frozen=True)
class DirectorateSpec:
    name: str
    code: str
    services: tuple[ServiceSpec, ...]


@dataclass(frozen=True)
class DivisionSpec:
    name: str
    code: str
    services: tuple[ServiceSpec, ...]
    directorates: tuple[DirectorateSpec, ...] = ()


@dataclass(frozen=True)
class Profile:
    leader_titles: tuple[str, ...]  # for a team leader on one of its wards or teams
    member_titles: tuple[str, ...]  # repeated titles are drawn more often, as in a real rota


def W(name: str, code: str) -> TeamSpec:
    return TeamSpec(name, "ward", code)


def T(name: str, code: str) -> TeamSpec:
    return TeamSpec(name, "team", code)


NURSING = (
    ("Staff Nurse",) * 4
    + ("Senior Staff Nurse",) * 2
    + ("Healthcare Assistant",) * 4
    + (
        "Nursing Associate",
        "Ward Clerk",
        "Physiotherapist",
        "Occupational Therapist",
        "Foundation Year 1 Doctor",
        "Specialty Registrar",
    )
)

PROFILES: dict[str, Profile] = {
    "ward": Profile(("Ward Manager", "Ward Sister", "Charge Nurse"), NURSING),
    "emergency": Profile(
        ("Emergency Department Sister", "Nurse in Charge"),
        (
            "Emergency Nurse",
            "Emergency Nurse",
            "Emergency Nurse Practitioner",
            "Healthcare Assistant",
            "Advanced Clinical Practitioner",
            "Emergency Medicine Registrar",
            "Paramedic Practitioner",
        ),
    ),
    "specialist": Profile(
        ("Lead Nurse Specialist", "Team Leader"),
        (
            "Clinical Nurse Specialist",
            "Clinical Nurse Specialist",
            "Specialist Nurse",
            "Healthcare Assistant",
            "Administrator",
        ),
    ),
    "theatres": Profile(
        ("Theatre Manager", "Theatre Team Leader"),
        (
            "Theatre Practitioner",
            "Operating Department Practitioner",
            "Scrub Nurse",
            "Anaesthetic Practitioner",
            "Recovery Nurse",
            "Theatre Support Worker",
        ),
    ),
    "critical": Profile(
        ("Unit Manager", "Critical Care Sister"),
        (
            "Critical Care Nurse",
            "Critical Care Nurse",
            "Senior Staff Nurse",
            "Healthcare Assistant",
            "Critical Care Physiotherapist",
            "Critical Care Registrar",
        ),
    ),
    "maternity": Profile(
        ("Midwifery Team Leader", "Delivery Suite Coordinator", "Ward Manager"),
        (
            "Midwife",
            "Midwife",
            "Midwife",
            "Senior Midwife",
            "Maternity Support Worker",
            "Obstetric Registrar",
        ),
    ),
    "children": Profile(
        ("Ward Manager", "Children's Ward Sister"),
        (
            "Children's Nurse",
            "Children's Nurse",
            "Healthcare Assistant",
            "Play Specialist",
            "Paediatric Registrar",
        ),
    ),
    "neonatal": Profile(
        ("Neonatal Unit Manager",),
        ("Neonatal Nurse", "Neonatal Nurse", "Nursery Nurse", "Advanced Neonatal Nurse Practitioner"),
    ),
    "imaging": Profile(
        ("Superintendent Radiographer", "Imaging Team Leader"),
        (
            "Diagnostic Radiographer",
            "Diagnostic Radiographer",
            "Sonographer",
            "Radiology Assistant",
            "Reporting Radiographer",
            "Radiology Nurse",
        ),
    ),
    "laboratory": Profile(
        ("Laboratory Manager", "Section Lead"),
        (
            "Biomedical Scientist",
            "Biomedical Scientist",
            "Medical Laboratory Assistant",
            "Clinical Scientist",
            "Phlebotomist",
        ),
    ),
    "pharmacy": Profile(
        ("Lead Pharmacist", "Pharmacy Team Leader"),
        ("Pharmacist", "Pharmacy Technician", "Pharmacy Technician", "Pharmacy Assistant"),
    ),
    "therapies": Profile(
        ("Therapy Team Lead", "Clinical Lead Physiotherapist"),
        (
            "Physiotherapist",
            "Occupational Therapist",
            "Speech and Language Therapist",
            "Dietitian",
            "Therapy Assistant",
        ),
    ),
    "community": Profile(
        ("Team Leader", "District Nursing Sister"),
        (
            "District Nurse",
            "Community Staff Nurse",
            "Community Staff Nurse",
            "Healthcare Assistant",
            "Community Physiotherapist",
            "Community Occupational Therapist",
        ),
    ),
    "outpatients": Profile(
        ("Outpatient Sister", "Clinic Manager"),
        ("Clinic Nurse", "Healthcare Assistant", "Healthcare Assistant", "Outpatient Receptionist"),
    ),
}


# fmt: off
DIVISIONS: tuple[DivisionSpec, ...] = (
    DivisionSpec("Medicine", "MED", services=(
        ServiceSpec("Elderly Care", "ELD", "ward", "Consultant Physician in Elderly Care", (
            W("{ward} Ward", "ELD-W1"), W("{ward} Ward", "ELD-W2"), W("{ward} Ward", "ELD-W3"),
            T("Frailty Assessment Unit", "ELD-FAU"), T("Orthogeriatric Liaison Team", "ELD-OGL"))),
        ServiceSpec("Emergency Department", "ED", "emergency", "Consultant in Emergency Medicine", (
            T("Emergency Department Majors", "ED-MAJ"), T("Emergency Department Resus", "ED-RES"),
            T("Emergency Department Minors", "ED-MIN"), T("Same Day Emergency Care", "ED-SDEC"),
            W("Clinical Decision Unit", "ED-CDU"), T("Children's Emergency Department", "ED-CED"))),
        ServiceSpec("Acute Medicine", "AMED", "ward", "Consultant Acute Physician", (
            W("Ward {n} - Acute Medical Unit", "AMED-AMU"), W("Ward {n} - Short Stay Medicine", "AMED-SS"),
            T("Ambulatory Care Unit", "AMED-AMB"), T("Discharge Lounge", "AMED-DL"))),
        ServiceSpec("Cardiology", "CAR", "ward", "Consultant Cardiologist", (
            W("Coronary Care Unit", "CAR-CCU"), T("Cardiac Catheter Lab", "CAR-CATH"),
            W("Ward {n} - Cardiology", "CAR-W"), T("Heart Failure Nursing Team", "CAR-HF"),
            T("Cardiac Rehabilitation Team", "CAR-REH"))),
        ServiceSpec("Respiratory Medicine", "RESP", "ward", "Consultant Respiratory Physician", (
            W("Ward {n} - Respiratory", "RESP-W"), W("Respiratory Support Unit", "RESP-RSU"),
            T("Home Oxygen Team", "RESP-OXY"), T("Lung Function Laboratory", "RESP-LF"))),
        ServiceSpec("Gastroenterology", "GAS", "ward", "Consultant Gastroenterologist", (
            T("Endoscopy Unit", "GAS-ENDO"), W("Ward {n} - Gastroenterology", "GAS-W"),
            T("Inflammatory Bowel Disease Nurse Team", "GAS-IBD"), T("Nutrition Support Team", "GAS-NUT"))),
        ServiceSpec("Stroke Medicine", "STR", "ward", "Consultant Stroke Physician", (
            W("Hyperacute Stroke Unit", "STR-HASU"), W("{ward} Ward - Stroke Rehabilitation", "STR-REH"),
            T("Early Supported Discharge Team", "STR-ESD"))),
        ServiceSpec("Diabetes and Endocrinology", "DIA", "specialist", "Consultant Diabetologist", (
            T("Diabetes Specialist Nursing Team", "DIA-DSN"), T("Diabetes Foot Clinic", "DIA-FOOT")),
            has_matron=False),
    )),
    DivisionSpec("Surgery", "SUR", services=(
        ServiceSpec("General Surgery", "GS", "ward", "Consultant General Surgeon", (
            W("Ward {n} - Surgical Assessment Unit", "GS-SAU"), W("Ward {n} - Colorectal Surgery", "GS-COL"),
            W("Ward {n} - Upper GI Surgery", "GS-UGI"), T("Stoma Care Team", "GS-STOMA"),
            T("Breast Care Nursing Team", "GS-BCN"))),
        ServiceSpec("Trauma and Orthopaedics", "TO", "ward", "Consultant Orthopaedic Surgeon", (
            W("Ward {n} - Trauma", "TO-TRA"), W("{ward} Ward - Elective Orthopaedics", "TO-ELEC"),
            T("Fracture Clinic", "TO-FRAC"), T("Hip Fracture Team", "TO-HIP"),
            T("Orthopaedic Outpatients", "TO-OP"))),
        ServiceSpec("Urology", "URO", "ward", "Consultant Urologist", (
            W("{ward} Ward - Urology", "URO-W"), T("Urology Investigations Unit", "URO-INV"))),
    ), directorates=(
        DirectorateSpec("Theatres, Anaesthetics and Critical Care", "TACC", services=(
            ServiceSpec("Theatres", "THE", "theatres", "Consultant Anaesthetist", (
                T("Main Theatres", "THE-MAIN"), T("Day Surgery Theatres", "THE-DAY"),
                T("Theatres Recovery", "THE-REC"), T("Pre-operative Assessment Clinic", "THE-POA"),
                T("Acute Pain Team", "THE-PAIN"), T("Eye Day Case Theatre", "THE-EYE"))),
            ServiceSpec("Critical Care", "CC", "critical", "Consultant in Intensive Care Medicine", (
                W("Intensive Care Unit", "CC-ICU"), W("High Dependency Unit", "CC-HDU"),
                T("Critical Care Outreach Team", "CC-OUT"))),
        )),
    )),
    DivisionSpec("Women's and Children's", "WAC", services=(
        ServiceSpec("Maternity", "MAT", "maternity", "Consultant Obstetrician", (
            W("Delivery Suite", "MAT-DS"), W("{ward} Birth Centre", "MAT-BC"),
            W("{ward} Ward - Antenatal and Postnatal", "MAT-PN"), T("Maternity Triage", "MAT-TRI"),
            T("Community Midwifery Team North", "MAT-CMN"), T("Community Midwifery Team South", "MAT-CMS"),
            T("Antenatal Clinic", "MAT-ANC"))),
        ServiceSpec("Neonatology", "NEO", "neonatal", "Consultant Neonatologist", (
            W("Neonatal Intensive Care Unit", "NEO-NICU"), W("Special Care Baby Unit", "NEO-SCBU"),
            T("Neonatal Outreach Team", "NEO-OUT"))),
        ServiceSpec("Paediatrics", "PAED", "children", "Consultant Paediatrician", (
            W("{ward} Ward - Children's Inpatients", "PAED-W"), T("Paediatric Assessment Unit", "PAED-PAU"),
            T("Children's Outpatients", "PAED-OP"), T("Children's Community Nursing Team", "PAED-CCN"),
            T("Paediatric Diabetes Team", "PAED-DIA"))),
        ServiceSpec("Gynaecology", "GYN", "ward", "Consultant Gynaecologist", (
            W("{ward} Ward - Gynaecology", "GYN-W"), T("Early Pregnancy Unit", "GYN-EPU"),
            T("Colposcopy Clinic", "GYN-COL"))),
    )),
    DivisionSpec("Clinical Support and Community", "CSC", services=(
        ServiceSpec("Pharmacy", "PHA", "pharmacy", "Consultant Pharmacist", (
            T("Dispensary", "PHA-DISP"), T("Ward Pharmacy Team", "PHA-WARD"),
            T("Aseptic Services Unit", "PHA-ASU"), T("Medicines Information", "PHA-MI")), has_matron=False),
        ServiceSpec("Therapies", "THR", "therapies", "Consultant Physiotherapist", (
            T("Inpatient Physiotherapy", "THR-PT"), T("Occupational Therapy Team", "THR-OT"),
            T("Speech and Language Therapy", "THR-SLT"), T("Dietetics Team", "THR-DIET")), has_matron=False),
        ServiceSpec("Community Services", "COM", "community", "Community Geriatrician", (
            T("District Nursing Team East", "COM-DNE"), T("District Nursing Team West", "COM-DNW"),
            T("Community Rehabilitation Team", "COM-REH"), T("Hospital at Home", "COM-H2H"),
            T("Community Nursing Team Central", "COM-DNC"),
            W("{ward} Ward - Intermediate Care", "COM-IC"))),
        ServiceSpec("Outpatients", "OPD", "outpatients", "Associate Medical Director for Outpatients", (
            T("Main Outpatients Department", "OPD-MAIN"), T("Outpatient Booking Team", "OPD-BOOK"),
            T("Eye Clinic", "OPD-EYE"), T("Pain Management Clinic", "OPD-PAIN"))),
    ), directorates=(
        DirectorateSpec("Diagnostics", "DIAG", services=(
            ServiceSpec("Radiology", "RAD", "imaging", "Consultant Radiologist", (
                T("CT Scanning", "RAD-CT"), T("MRI Unit", "RAD-MRI"), T("Ultrasound Department", "RAD-US"),
                T("Interventional Radiology", "RAD-IR"), T("Plain Film X-ray", "RAD-XR")), has_matron=False),
            ServiceSpec("Pathology", "PATH", "laboratory", "Consultant Microbiologist", (
                T("Blood Sciences Laboratory", "PATH-BS"), T("Microbiology Laboratory", "PATH-MIC"),
                T("Cellular Pathology", "PATH-CP"), T("Phlebotomy Service", "PATH-PHL")), has_matron=False),
        )),
    )),
)
# fmt: on

# Posts on the board: (job title, role). The board's senior leaders set direction for the trust.
BOARD_POSTS: tuple[tuple[str, str], ...] = (
    ("Chief Executive", "senior_leader"),
    ("Chief Nurse", "senior_leader"),
    ("Medical Director", "senior_leader"),
    ("Chief Operating Officer", "senior_leader"),
    ("Director of Quality Governance", "senior_leader"),
    ("Director of Strategy and Partnerships", "senior_leader"),
    ("Head of Quality Improvement", "senior_leader"),
    ("Quality Improvement Lead", "team_member"),
    ("Quality Improvement Lead", "team_member"),
    ("Patient Safety Specialist", "team_member"),
    ("QMS System Administrator", "administrator"),
    ("Patient Partner, Quality Committee", "service_user"),
)
DIVISION_POSTS: tuple[tuple[str, str], ...] = (
    ("Divisional Director", "senior_leader"),
    ("Divisional Director of Nursing", "senior_leader"),
    ("Divisional Director of Operations", "senior_leader"),
)
DIRECTORATE_POSTS: tuple[tuple[str, str], ...] = (
    ("Clinical Director", "senior_leader"),
    ("Directorate Manager", "senior_leader"),
)
SERVICE_USER_TITLES: tuple[str, ...] = (
    "Patient Partner",
    "Expert by Experience",
    "Carer Representative",
    "Patient Representative",
)
MATERNITY_SERVICE_USER = "Maternity Voices Partnership Member"
