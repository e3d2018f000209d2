"""Curated name lists for the demo trust's people.

Written out here rather than drawn from Faker, which is only a development dependency: the demo
must load on a production install, and a fixed list keeps the same seed giving the same people
whatever version of any library is installed. The mix reflects the diversity of NHS staff and of
the communities a trust serves: English, Scottish, Welsh, Irish, South Asian, African, Caribbean,
East Asian, European and Middle Eastern names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameGroup:
    heritage: str
    weight: int  # a rough share in per cent, for a plausible mix; not a workforce statistic
    first_names: tuple[str, ...]
    surnames: tuple[str, ...]


# Kept as compact rows on purpose: one name a line would make the lists unreadable.
# fmt: off
NAME_GROUPS: tuple[NameGroup, ...] = (
    NameGroup("British and Irish", 60, first_names=(
        "Oliver", "Amelia", "George", "Isla", "Harry", "Olivia", "Jack", "Emily", "Thomas", "Sophie",
        "James", "Charlotte", "William", "Grace", "Daniel", "Lucy", "Matthew", "Hannah", "Samuel",
        "Ellie", "Joseph", "Jessica", "Benjamin", "Chloe", "Luke", "Megan", "Callum", "Eilidh",
        "Fraser", "Morag", "Rhys", "Cerys", "Gareth", "Sian", "Dylan", "Ffion", "Owain", "Bethan",
        "Ciaran", "Aoife", "Niamh", "Declan", "Siobhan", "Eoin", "Roisin", "Patrick", "Helen", "Susan",
        "David", "Karen", "Paul", "Julie", "Mark", "Claire", "Stephen", "Rachel", "Andrew", "Nicola",
        "Richard", "Joanne", "Peter", "Alison", "Graham", "Lorraine", "Margaret", "Kevin", "Janet",
        "Neil", "Diane", "Ian",
    ), surnames=(
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
        "Clarke", "Harrison", "Hughes", "Edwards", "Turner", "Whitfield", "Ashworth", "Pickering",
        "Fairbairn", "Holloway", "Marsden", "Kershaw", "Thornton", "Lockwood", "Brennan", "MacDonald",
        "Campbell", "Stewart", "Fraser", "Murray", "Sinclair", "McKenzie", "Buchanan", "Griffiths",
        "Pritchard", "Llewellyn", "Price", "Morgan", "Powell", "O'Brien", "O'Sullivan", "Murphy",
        "Kelly", "Byrne", "Doyle", "Gallagher", "Quinn", "Fitzgerald",
    )),
    NameGroup("South Asian", 14, first_names=(
        "Priya", "Arjun", "Anjali", "Rohan", "Aisha", "Imran", "Fatima", "Sanjay", "Meera", "Vikram",
        "Nadia", "Hassan", "Zainab", "Rajesh", "Sunita", "Amir", "Farah", "Harpreet", "Gurpreet",
        "Jaspreet", "Kiran", "Ravi", "Deepa", "Tariq", "Shabana", "Ayesha", "Bilal", "Sana", "Nikhil",
        "Pooja",
    ), surnames=(
        "Patel", "Shah", "Sharma", "Singh", "Kaur", "Khan", "Ahmed", "Hussain", "Ali", "Begum",
        "Chowdhury", "Rahman", "Iqbal", "Malik", "Mehta", "Gupta", "Desai", "Joshi", "Nair", "Menon",
        "Reddy", "Pillai", "Bhatt", "Sandhu", "Gill", "Dhillon", "Siddiqui", "Mirza", "Qureshi",
        "Chaudhry",
    )),
    NameGroup("African and Caribbean", 10, first_names=(
        "Chidi", "Ngozi", "Adebayo", "Folake", "Kwame", "Ama", "Kofi", "Abena", "Tunde", "Yetunde",
        "Chiamaka", "Emeka", "Blessing", "Precious", "Tendai", "Rutendo", "Lerato", "Thabo", "Marcus",
        "Shanice", "Jermaine", "Kemi", "Femi", "Ifeoma", "Olu", "Nia", "Winston", "Beverley", "Delroy",
        "Marcia",
    ), surnames=(
        "Okafor", "Okonkwo", "Adeyemi", "Adebayo", "Oyelaran", "Mensah", "Asante", "Owusu", "Boateng",
        "Osei", "Nwosu", "Eze", "Balogun", "Abiodun", "Moyo", "Ndlovu", "Dube", "Mbeki", "Kamara",
        "Sesay", "Campbell-Reid", "Francis", "Grant", "Thomas", "Clarke-Joseph", "Bailey", "Forbes",
        "Gayle",
    )),
    NameGroup("East and South-East Asian", 7, first_names=(
        "Wei", "Mei", "Jun", "Li", "Hui", "Minh", "Linh", "Thanh", "Hiroshi", "Yuki", "Jin", "Ji-woo",
        "Maricel", "Jocelyn", "Rommel", "Arnel",
    ), surnames=(
        "Chen", "Wang", "Li", "Zhang", "Liu", "Lam", "Wong", "Cheung", "Nguyen", "Tran", "Pham",
        "Tanaka", "Sato", "Kim", "Park", "Santos", "Reyes", "Cruz", "Bautista", "Garcia",
    )),
    NameGroup("European and Middle Eastern", 9, first_names=(
        "Agnieszka", "Tomasz", "Katarzyna", "Piotr", "Marta", "Andrei", "Ioana", "Mihai", "Elena",
        "Lukas", "Sofia", "Giulia", "Marco", "Ana", "Joao", "Ines", "Yusuf", "Leyla", "Omar", "Layla",
        "Mehmet", "Elif", "Dimitri", "Eleni", "Nikolai", "Katya", "Sergio", "Lucia", "Pierre", "Amira",
    ), surnames=(
        "Kowalski", "Nowak", "Wisniewska", "Lewandowski", "Popescu", "Ionescu", "Dumitru", "Novak",
        "Horvath", "Rossi", "Romano", "Ferreira", "Silva", "Costa", "Yilmaz", "Demir", "Kaya", "Haddad",
        "Nasser", "Papadopoulos", "Georgiou", "Ivanova", "Petrov", "Schmidt", "Muller", "Dubois",
        "Moreau", "Fernandez",
    )),
)

# Names for wards in the style many trusts use: trees, birds and local landmarks.
WARD_NAMES: tuple[str, ...] = (
    "Larch", "Rowan", "Willow", "Beech", "Cedar", "Hazel", "Maple", "Aspen", "Holly", "Elm",
    "Juniper", "Alder", "Hawthorn", "Birch", "Sycamore", "Laurel", "Chestnut", "Poplar", "Linden", "Yew",
    "Heron", "Kingfisher", "Curlew", "Kestrel", "Wren", "Skylark", "Osprey", "Puffin", "Robin", "Swallow",
)
# fmt: on
