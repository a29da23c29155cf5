"""A made-up sample region, so a fresh install has a directory to browse: Dane County, Wisconsin.

Every organisation and service here is invented and marked as sample data. The towns, ZIP codes
and coordinates are real; street addresses are fictional, web and email addresses use
example.org, and phone numbers use 555-0100 to 555-0199, the range kept for fiction.
"""

from datetime import date, time

from resources.sample_data.records import (
    EVERY_DAY,
    WEEKDAYS,
    around_the_clock,
    call,
    monthly,
    text,
    weekly,
)

REGION = "Dane County, Wisconsin"
DANE_COUNTY = "Dane County"
WISCONSIN = "Wisconsin"


def _place(key, name, address_1, city, postal_code, latitude, longitude, **more):
    return {
        "key": key,
        "name": name,
        "address_1": address_1,
        "city": city,
        "region": DANE_COUNTY,
        "state_province": "WI",
        "postal_code": postal_code,
        "latitude": latitude,
        "longitude": longitude,
        **more,
    }


def _online(key, name, url, description, organization):
    return {
        "key": key,
        "organization": organization,
        "name": name,
        "location_type": "virtual",
        "url": url,
        "description": description,
    }


ORGANIZATIONS = [
    {
        "key": "yahara-crisis",
        "name": "Yahara Crisis Center",
        "description": "Walk-in, mobile and phone crisis support for everyone in Dane County.",
        "website": "https://example.org/yahara-crisis",
        "email": "hello@example.org",
    },
    {
        "key": "lakeshore-peers",
        "name": "Lakeshore Peer Network",
        "description": (
            "A peer-run organisation: everyone who works here has lived experience of mental "
            "illness and recovery."
        ),
        "website": "https://example.org/lakeshore-peers",
        "email": "peers@example.org",
    },
    {
        "key": "four-lakes-counseling",
        "name": "Four Lakes Counseling Collective",
        "description": "A nonprofit counselling clinic with fees on a sliding scale.",
        "website": "https://example.org/four-lakes",
        "email": "frontdesk@example.org",
    },
    {
        "key": "capitol-clubhouse",
        "name": "Capitol Clubhouse",
        "description": (
            "A clubhouse where adults living with mental illness work side by side with staff "
            "to run the house, find work and build friendships."
        ),
        "website": "https://example.org/capitol-clubhouse",
        "email": "members@example.org",
    },
    {
        "key": "prairie-families",
        "name": "Prairie Families Together",
        "description": "Families supporting families who care for someone with a mental illness.",
        "website": "https://example.org/prairie-families",
        "email": "families@example.org",
    },
    {
        "key": "willow-grief",
        "name": "Willow Grief Companions",
        "description": "Volunteer-led grief support for adults and children who have lost someone.",
        "website": "https://example.org/willow",
        "email": "willow@example.org",
    },
    {
        "key": "rainbow-harbor",
        "name": "Rainbow Harbor Youth Collective",
        "description": (
            "A safe, affirming place for LGBTQ+ young people and the adults around them."
        ),
        "website": "https://example.org/rainbow-harbor",
        "email": "hello@example.org",
    },
    {
        "key": "nuestra-voz",
        "name": "Nuestra Voz Bienestar",
        "alternate_name": "Our Voice Wellbeing",
        "description": (
            "A Latino community organisation offering mental-health support in Spanish, close "
            "to home."
        ),
        "website": "https://example.org/nuestra-voz",
        "email": "hola@example.org",
    },
    {
        "key": "horn-family",
        "name": "Horn of Africa Family Wellbeing Association",
        "description": (
            "Somali and Arabic-speaking families supporting one another with the stresses of "
            "resettlement, loss and family life."
        ),
        "website": "https://example.org/horn-family",
        "email": "families@example.org",
    },
    {
        "key": "golden-years",
        "name": "Golden Years Connection",
        "description": "Friendship and company for older adults who feel alone.",
        "website": "https://example.org/golden-years",
        "email": "hello@example.org",
    },
    {
        "key": "little-lanterns",
        "name": "Little Lanterns Perinatal Support",
        "description": "Support for people who are pregnant or caring for a new baby.",
        "website": "https://example.org/little-lanterns",
        "email": "parents@example.org",
    },
    {
        "key": "steady-ground",
        "name": "Steady Ground Recovery Community",
        "description": (
            "A recovery community organisation for people affected by alcohol and drug use, "
            "and their families."
        ),
        "website": "https://example.org/steady-ground",
        "email": "recovery@example.org",
    },
    {
        "key": "clear-horizon",
        "name": "Clear Horizon Eating Disorder Support",
        "description": "Online peer support for people living with an eating disorder.",
        "website": "https://example.org/clear-horizon",
        "email": "support@example.org",
    },
    {
        "key": "open-minds",
        "name": "Open Minds Hearing Voices Network",
        "description": (
            "Peer groups for people who hear voices, see visions or have other unusual experiences."
        ),
        "website": "https://example.org/open-minds",
        "email": "openminds@example.org",
    },
    {
        "key": "even-keel",
        "name": "Even Keel Mood Support",
        "description": "Peer support groups for people living with depression or bipolar disorder.",
        "website": "https://example.org/even-keel",
        "email": "hello@example.org",
    },
    {
        "key": "middleton-workshop",
        "name": "Middleton Men's Workshop",
        "description": "A community workshop where men make things and talk, shoulder to shoulder.",
        "website": "https://example.org/mens-workshop",
        "email": "workshop@example.org",
    },
    {
        "key": "harbor-light",
        "name": "Harbor Light Trauma Recovery",
        "description": "Trauma recovery groups and therapy, with a focus on women's safety.",
        "website": "https://example.org/harbor-light",
        "email": "care@example.org",
    },
    {
        "key": "speak-up",
        "name": "Speak Up Advocacy Project",
        "description": (
            "Peer advocates who help people with mental illness be heard in decisions about "
            "their care."
        ),
        "website": "https://example.org/speak-up",
        "email": "advocates@example.org",
    },
    {
        "key": "isthmus-students",
        "name": "Isthmus Student Wellbeing Collective",
        "description": "Students supporting students through the pressures of college life.",
        "website": "https://example.org/student-wellbeing",
        "email": "students@example.org",
    },
    {
        "key": "verona-interfaith",
        "name": "Verona Interfaith Care Network",
        "description": (
            "Volunteers from local congregations who offer practical help, whatever your faith "
            "or none."
        ),
        "website": "https://example.org/interfaith-care",
        "email": "care@example.org",
    },
    {
        "key": "prairie-veterans",
        "name": "Prairie Veterans Fellowship",
        "description": "Veterans helping veterans, over coffee and in the community.",
        "website": "https://example.org/prairie-veterans",
        "email": "fellowship@example.org",
    },
    {
        "key": "monona-creative",
        "name": "Monona Creative Wellbeing",
        "description": "Art and making for wellbeing, for any level of skill.",
        "website": "https://example.org/creative-wellbeing",
        "email": "studio@example.org",
    },
]

_STEP_FREE = (
    "Step-free entrance and accessible toilet. Ask us about anything else you need before you come."
)

LOCATIONS = [
    _place(
        "yahara-crisis-center",
        "Yahara Crisis Center",
        "2200 Heron Bay Road",
        "Madison",
        "53704",
        "43.105200",
        "-89.351300",
        organization="yahara-crisis",
        transportation=(
            "Metro Transit buses stop by the front door. Free parking, open day and night."
        ),
        accessibility=(
            "Step-free entrance with automatic doors, accessible toilets, a quiet room, and a "
            "hearing loop at the front desk."
        ),
    ),
    _place(
        "lakeshore-east",
        "Lakeshore Peer Network",
        "315 Kestrel Commons",
        "Madison",
        "53714",
        "43.096800",
        "-89.326200",
        organization="lakeshore-peers",
        transportation="Bus stop at the corner; bike racks and a small free car park.",
        accessibility=_STEP_FREE,
    ),
    _place(
        "lakeshore-sun-prairie",
        "Lakeshore Peer Network, Sun Prairie",
        "48 Meadowlark Square",
        "Sun Prairie",
        "53590",
        "43.184100",
        "-89.230200",
        organization="lakeshore-peers",
        address_2="Suite 2",
        transportation="Free parking in the square. Shared-ride taxi stops at the entrance.",
        accessibility="Ground floor, step-free. Accessible toilet down the hall.",
    ),
    _place(
        "four-lakes-east",
        "Four Lakes Counseling Collective, East",
        "1120 Bluewing Street",
        "Madison",
        "53703",
        "43.082300",
        "-89.370500",
        organization="four-lakes-counseling",
        transportation="Two bus routes stop within a block. Street parking, two hours free.",
        accessibility="Lift to all floors, accessible toilets, quiet waiting room.",
    ),
    _place(
        "four-lakes-fitchburg",
        "Four Lakes Counseling Collective, Fitchburg",
        "2650 Silverleaf Parkway",
        "Fitchburg",
        "53711",
        "42.973800",
        "-89.451200",
        organization="four-lakes-counseling",
        transportation="Free parking lot. The nearest bus stop is a five-minute walk.",
        accessibility="Single-storey building, step-free throughout.",
    ),
    _place(
        "capitol-clubhouse",
        "Capitol Clubhouse",
        "404 Lanternlight Row",
        "Madison",
        "53703",
        "43.071900",
        "-89.386800",
        organization="capitol-clubhouse",
        transportation="A short walk from the Capitol Square buses. No parking on site.",
        accessibility="Ramp at the side door, lift to the first floor, accessible toilet.",
        phones=[call("608-555-0130", "Front desk")],
        schedules=[
            weekly(WEEKDAYS, time(8, 30), time(16, 30)),
            weekly("SA", time(10), time(14), description="social program only"),
        ],
    ),
    _place(
        "prairie-commons",
        "Prairie Commons Community Room",
        "212 Thistledown Avenue",
        "Sun Prairie",
        "53590",
        "43.181200",
        "-89.215500",
        organization="prairie-families",
        transportation="Free parking behind the building.",
        accessibility="Step-free entrance on the parking side; hearing loop in the room.",
    ),
    _place(
        "willow-house",
        "Willow House",
        "77 Quietwater Lane",
        "Middleton",
        "53562",
        "43.099000",
        "-89.508500",
        organization="willow-grief",
        transportation="Free parking. Bus stop on the main road, three minutes' walk.",
        accessibility="Two steps at the front; step-free entrance at the back, ring the bell.",
    ),
    _place(
        "rainbow-harbor",
        "Rainbow Harbor",
        "25 Cobalt Court",
        "Madison",
        "53703",
        "43.076600",
        "-89.379200",
        organization="rainbow-harbor",
        transportation="Buses stop on the next street. Bike racks out front.",
        accessibility="Step-free, all-gender accessible toilets, a low-sensory room.",
    ),
    _place(
        "nuestra-voz-centro",
        "Centro Comunitario Nuestra Voz",
        "1833 Marigold Terrace",
        "Madison",
        "53713",
        "43.041900",
        "-89.394700",
        organization="nuestra-voz",
        transportation="Bus stop in front. Free parking. Childcare room on site during groups.",
        accessibility=_STEP_FREE,
    ),
    _place(
        "horn-family-center",
        "Horn of Africa Family Center",
        "960 Saffron Way",
        "Madison",
        "53719",
        "43.039200",
        "-89.509100",
        organization="horn-family",
        transportation="Free parking. Bus stop at the shopping centre next door.",
        accessibility="Step-free. Separate prayer room and a quiet room for women.",
    ),
    _place(
        "monona-lakeside-commons",
        "Monona Lakeside Commons",
        "500 Bridgewater Drive",
        "Monona",
        "53716",
        "43.061700",
        "-89.336200",
        organization="golden-years",
        transportation="Free parking close to the door. Volunteer drivers can pick you up.",
        accessibility="Step-free, accessible toilets, chairs with arms, large-print handouts.",
    ),
    _place(
        "little-lanterns-fitchburg",
        "Little Lanterns Family Room",
        "3010 Foxglove Road",
        "Fitchburg",
        "53711",
        "42.965600",
        "-89.474100",
        organization="little-lanterns",
        transportation="Free parking with space for strollers next to the door.",
        accessibility="Step-free, baby-changing table, a private room for feeding.",
    ),
    _place(
        "steady-ground-house",
        "Steady Ground Recovery House",
        "1450 Riverbirch Avenue",
        "Madison",
        "53713",
        "43.045100",
        "-89.386600",
        organization="steady-ground",
        transportation="Bus stop one block north. Small free car park.",
        accessibility="Ramp at the front door; accessible toilet on the ground floor.",
    ),
    _place(
        "isthmus-community-hall",
        "Isthmus Community Hall",
        "140 Larkspur Street",
        "Madison",
        "53703",
        "43.073800",
        "-89.379500",
        organization="open-minds",
        transportation="Several bus routes stop nearby. Paid parking ramp across the street.",
        accessibility="Lift to the meeting rooms, accessible toilets, hearing loop.",
    ),
    _place(
        "middleton-workshop",
        "Middleton Men's Workshop",
        "61 Sawmill Lane",
        "Middleton",
        "53562",
        "43.101600",
        "-89.496900",
        organization="middleton-workshop",
        transportation="Free parking. Rides can be arranged for members who do not drive.",
        accessibility="Step-free workshop with wide aisles; benches at seated height.",
    ),
    _place(
        "middleton-commons",
        "Middleton Commons Meeting Room",
        "18 Amberwood Drive",
        "Middleton",
        "53562",
        "43.095100",
        "-89.512000",
        organization="even-keel",
        transportation="Free parking. Bus stop at the front.",
        accessibility=_STEP_FREE,
    ),
    _place(
        "harbor-light-verona",
        "Harbor Light",
        "305 Juneberry Street",
        "Verona",
        "53593",
        "42.989400",
        "-89.528100",
        organization="harbor-light",
        transportation="Free parking. Entrance is discreet, at the side of the building.",
        accessibility="Step-free, accessible toilet, a calm waiting room with natural light.",
    ),
    _place(
        "isthmus-student-hub",
        "Student Wellbeing Hub",
        "700 Lindenleaf Walk",
        "Madison",
        "53715",
        "43.072200",
        "-89.403500",
        organization="isthmus-students",
        transportation="On the campus bus loop. Bike parking at the door.",
        accessibility="Step-free, all-gender toilets, lift to the second floor.",
    ),
    _place(
        "verona-interfaith-hall",
        "Verona Interfaith Hall",
        "112 Wildrye Road",
        "Verona",
        "53593",
        "42.993500",
        "-89.537400",
        organization="verona-interfaith",
        transportation="Free parking. Volunteer drivers cover Verona, Fitchburg and Madison.",
        accessibility=_STEP_FREE,
    ),
    _online(
        "prairie-families-online",
        "Prairie Families online circle",
        "https://example.org/prairie-families/online-circle",
        "A private, moderated forum and a weekly live chat.",
        "prairie-families",
    ),
    _online(
        "rainbow-harbor-online",
        "Rainbow Harbor online hangout",
        "https://example.org/rainbow-harbor/hangout",
        "A moderated chat space; you can join by video or just type.",
        "rainbow-harbor",
    ),
    _online(
        "little-lanterns-online",
        "Little Lanterns online",
        "https://example.org/little-lanterns/online",
        "Video groups and appointments; a link is sent when you sign up.",
        "little-lanterns",
    ),
    _online(
        "clear-horizon-online",
        "Clear Horizon online",
        "https://example.org/clear-horizon/online",
        "Video groups and a moderated forum.",
        "clear-horizon",
    ),
    _online(
        "open-minds-online",
        "Open Minds online",
        "https://example.org/open-minds/online",
        "Join the group by video from anywhere.",
        "open-minds",
    ),
]

SERVICES = [
    # Crisis: walk-in, mobile and by phone, around the clock.
    {
        "slug": "yahara-walk-in-crisis-center",
        "organization": "yahara-crisis",
        "name": "Walk-in crisis center",
        "description": (
            "If things feel like too much, you can come in at any hour, without an appointment. "
            "A crisis worker will sit with you, listen, and help you make a plan to stay safe. "
            "You can rest in a quiet room, and stay up to a day if you need to."
        ),
        "eligibility_description": "Anyone aged 18 or over in Dane County. No referral needed.",
        "application_process": "Walk in at any time, or call ahead to let us know you're coming.",
        "fees_description": "Free. We never ask about insurance before helping you.",
        "url": "https://example.org/yahara-crisis/walk-in",
        "email": "hello@example.org",
        "minimum_age": 18,
        "verified_days_ago": 21,
        "support": ["emotional", "coping", "practical", "informational"],
        "resource": ["crisis-service"],
        "topic": ["suicide-prevention", "self-harm", "psychosis", "substance-use", "depression"],
        "audience": ["everyone"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": "", "es": "Spanish-speaking staff on most shifts."},
        "service_areas": [DANE_COUNTY],
        "locations": {"yahara-crisis-center": ""},
        "phones": [call("608-555-0100")],
        "schedules": [around_the_clock("including holidays")],
    },
    {
        "slug": "yahara-mobile-crisis-team",
        "organization": "yahara-crisis",
        "name": "Mobile crisis team",
        "description": (
            "Two trained crisis workers come to you, at home or wherever you are, to help calm "
            "things down and find the next step together. They are not the police."
        ),
        "eligibility_description": (
            "Anyone in Dane County in a mental-health crisis, or a family member or friend "
            "calling for them."
        ),
        "application_process": (
            "Call the crisis line and ask for the mobile team. If someone is in immediate "
            "danger, call 911."
        ),
        "fees_description": "Free.",
        "url": "https://example.org/yahara-crisis/mobile",
        "verified_days_ago": 21,
        "support": ["emotional", "coping", "practical"],
        "resource": ["crisis-service"],
        "topic": ["suicide-prevention", "psychosis", "self-harm"],
        "audience": ["everyone", "families-carers"],
        "delivery": ["in-person", "phone"],
        "cost": ["free"],
        "languages": {"en": "", "es": ""},
        "service_areas": [DANE_COUNTY],
        "phones": [call("608-555-0101", "Ask for the mobile team")],
        "schedules": [around_the_clock()],
    },
    {
        "slug": "yahara-crisis-line",
        "organization": "yahara-crisis",
        "name": "Yahara crisis line",
        "description": (
            "Call or text a local crisis worker any time of the day or night. They know the "
            "services in Dane County and can send the mobile team if you need it."
        ),
        "eligibility_description": "Anyone in Dane County, for themselves or someone else.",
        "application_process": "Call or text. You don't have to give your name.",
        "fees_description": "Free.",
        "url": "https://example.org/yahara-crisis/line",
        "verified_days_ago": 21,
        "support": ["emotional", "coping", "informational"],
        "resource": ["hotline"],
        "topic": ["suicide-prevention", "self-harm", "anxiety", "depression"],
        "audience": ["everyone"],
        "delivery": ["phone", "text-chat"],
        "cost": ["free"],
        "languages": {"en": "", "es": ""},
        "service_areas": [DANE_COUNTY],
        "phones": [call("608-555-0102"), text("608-555-0103")],
        "schedules": [around_the_clock()],
    },
    # Peer-run services.
    {
        "slug": "lakeshore-warmline",
        "organization": "lakeshore-peers",
        "name": "Lakeshore warmline",
        "description": (
            "A friendly voice in the evening and late at night, for when things are hard but "
            "it isn't an emergency. Everyone who answers has been through tough times too."
        ),
        "eligibility_description": "Adults anywhere in Wisconsin.",
        "application_process": "Just call. Calls are not recorded, and you can stay anonymous.",
        "fees_description": "Free.",
        "url": "https://example.org/lakeshore-peers/warmline",
        "email": "peers@example.org",
        "verified_days_ago": 45,
        "support": ["emotional", "validation", "coping"],
        "resource": ["warmline"],
        "topic": ["loneliness", "depression", "anxiety"],
        "audience": ["everyone"],
        "delivery": ["phone"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [WISCONSIN],
        "phones": [call("608-555-0110")],
        "schedules": [weekly(EVERY_DAY, time(18), time(2))],
    },
    {
        "slug": "lakeshore-peer-recovery-coaching",
        "organization": "lakeshore-peers",
        "name": "Peer recovery coaching",
        "description": (
            "Meet one to one with a recovery coach who has lived with mental illness. Together "
            "you set goals that matter to you, practise what helps on hard days, and find your "
            "way through appointments, benefits and housing."
        ),
        "eligibility_description": "Adults in Dane County living with a mental-health condition.",
        "application_process": (
            "Call or email to arrange a first chat. Meet in Madison, in Sun Prairie, by phone, "
            "or by video."
        ),
        "fees_description": "Free.",
        "url": "https://example.org/lakeshore-peers/coaching",
        "email": "peers@example.org",
        "verified_days_ago": 45,
        "support": ["validation", "coping", "practical", "advocacy"],
        "resource": ["peer-support"],
        "topic": ["depression", "bipolar", "psychosis", "ptsd-trauma"],
        "audience": ["everyone"],
        "delivery": ["in-person", "phone", "online"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [DANE_COUNTY],
        "locations": {
            "lakeshore-east": "",
            "lakeshore-sun-prairie": "Tuesdays and Thursdays only.",
        },
        "phones": [call("608-555-0111")],
        "schedules": [weekly(WEEKDAYS, time(9), time(17))],
    },
    {
        "slug": "lakeshore-wellness-recovery-group",
        "organization": "lakeshore-peers",
        "name": "Wellness and recovery group",
        "description": (
            "A peer-led group where we share what keeps us well, build a personal wellness "
            "plan, and cheer each other on. Tea and snacks provided."
        ),
        "eligibility_description": "Adults living with any mental-health condition.",
        "application_process": "Drop in. No need to sign up.",
        "fees_description": "Free.",
        "url": "https://example.org/lakeshore-peers/group",
        "verified_days_ago": 120,
        "support": ["coping", "validation", "social-connection"],
        "resource": ["support-group"],
        "topic": ["depression", "anxiety", "bipolar"],
        "audience": ["everyone"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"lakeshore-east": ""},
        "schedules": [weekly("TH", time(18), time(19, 30))],
    },
    # Counselling.
    {
        "slug": "four-lakes-sliding-scale-counselling",
        "organization": "four-lakes-counseling",
        "name": "Sliding-scale counselling",
        "description": (
            "Talk with a licensed counsellor about what's weighing on you: low mood, worry, "
            "grief, trauma or big changes. Sessions in person or by video, and fees that fit "
            "what you earn."
        ),
        "eligibility_description": "Adults 18 and over. No referral needed.",
        "application_process": (
            "Call the front desk or fill in the short form on our website; we offer a first "
            "appointment within two weeks."
        ),
        "fees_description": (
            "From $10 to $90 a session depending on household income. Most insurance plans, "
            "including Medicaid, accepted."
        ),
        "url": "https://example.org/four-lakes/counselling",
        "email": "frontdesk@example.org",
        "minimum_age": 18,
        "verified_days_ago": 60,
        "support": ["emotional", "coping", "informational"],
        "resource": ["counselling"],
        "topic": ["depression", "anxiety", "ptsd-trauma", "grief", "bipolar"],
        "audience": ["everyone"],
        "delivery": ["in-person", "online"],
        "cost": ["sliding-scale", "insurance"],
        "languages": {"en": "", "es": "", "zh": "Mandarin-speaking counsellor on Wednesdays."},
        "locations": {"four-lakes-east": "", "four-lakes-fitchburg": "No Friday appointments."},
        "phones": [call("608-555-0120")],
        "schedules": [
            weekly("MO,TU,WE,TH", time(8), time(20)),
            weekly("FR", time(8), time(17)),
        ],
    },
    {
        "slug": "four-lakes-teen-counselling",
        "organization": "four-lakes-counseling",
        "name": "Counselling for teens",
        "description": (
            "After-school counselling for teenagers dealing with stress, low mood, self-harm "
            "or worries they can't shake. Parents can join some sessions if the teen wants."
        ),
        "eligibility_description": "Young people aged 12 to 18. A parent or guardian must agree.",
        "application_process": "A parent, school counsellor or the teen can call to book.",
        "fees_description": "Sliding scale from $10 a session. Insurance and Medicaid accepted.",
        "url": "https://example.org/four-lakes/teens",
        "email": "frontdesk@example.org",
        "minimum_age": 12,
        "maximum_age": 18,
        "verified_days_ago": 60,
        "support": ["emotional", "coping"],
        "resource": ["counselling"],
        "topic": ["self-harm", "anxiety", "depression"],
        "audience": ["young-people", "families-carers"],
        "delivery": ["in-person", "online"],
        "cost": ["sliding-scale", "insurance"],
        "languages": {"en": "", "es": ""},
        "locations": {"four-lakes-east": ""},
        "phones": [call("608-555-0121")],
        "schedules": [weekly("MO,TU,WE,TH", time(15, 30), time(19))],
    },
    {
        "slug": "four-lakes-dbt-skills-group",
        "organization": "four-lakes-counseling",
        "name": "DBT skills group",
        "description": (
            "A 24-week class in dialectical behaviour therapy skills: riding out strong "
            "emotions, getting through a crisis without making it worse, and asking for what "
            "you need. Led by two therapists."
        ),
        "eligibility_description": "Adults; a short conversation with a therapist comes first.",
        "application_process": "Call to book an intake call. New members join every 6 weeks.",
        "fees_description": "$40 a session, or billed to insurance.",
        "url": "https://example.org/four-lakes/dbt",
        "minimum_age": 18,
        "verified_days_ago": 200,
        "support": ["coping"],
        "resource": ["support-group"],
        "topic": ["self-harm", "bipolar", "suicide-prevention"],
        "audience": ["everyone"],
        "delivery": ["in-person"],
        "cost": ["fee", "insurance"],
        "languages": {"en": ""},
        "locations": {"four-lakes-fitchburg": ""},
        "phones": [call("608-555-0122")],
        "schedules": [weekly("WE", time(17, 30), time(19))],
    },
    # Clubhouse and community organisations.
    {
        "slug": "capitol-clubhouse",
        "organization": "capitol-clubhouse",
        "name": "Capitol Clubhouse",
        "description": (
            "A place to belong. Members cook lunch, run the front desk, write the newsletter and "
            "plan outings, side by side with staff. Come for the day or for an hour."
        ),
        "eligibility_description": "Adults 18 and over who live with a mental illness.",
        "application_process": "Drop in for a tour any weekday morning, or call the front desk.",
        "fees_description": "Free membership. Lunch costs $2.",
        "url": "https://example.org/capitol-clubhouse",
        "email": "members@example.org",
        "alert": (
            "Our kitchen is being renovated: lunch is served in the community room until "
            "further notice."
        ),
        "minimum_age": 18,
        "verified_days_ago": 90,
        "support": ["social-connection", "practical", "validation"],
        "resource": ["community-organisation"],
        "topic": ["psychosis", "bipolar", "loneliness", "depression"],
        "audience": ["everyone"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"capitol-clubhouse": ""},
    },
    {
        "slug": "capitol-clubhouse-work-and-benefits",
        "organization": "capitol-clubhouse",
        "name": "Work and benefits help",
        "description": (
            "Help with the paperwork and the next step: applying for jobs, keeping your benefits "
            "when you start work, and forms for housing and food assistance."
        ),
        "eligibility_description": "Clubhouse members. Becoming a member is free.",
        "application_process": "Ask at the front desk, or call to book a time.",
        "fees_description": "Free.",
        "url": "https://example.org/capitol-clubhouse/work",
        "verified_days_ago": 90,
        "support": ["practical", "advocacy", "informational"],
        "resource": ["community-organisation"],
        "topic": ["depression", "psychosis"],
        "audience": ["everyone"],
        "delivery": ["in-person", "phone"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"capitol-clubhouse": ""},
        "schedules": [weekly("TU,TH", time(10), time(15))],
    },
    # Families and carers.
    {
        "slug": "prairie-families-caregiver-group",
        "organization": "prairie-families",
        "name": "Family caregiver support group",
        "description": (
            "For parents, partners and siblings of someone living with a mental illness. Share "
            "what's hard, learn from families who've been there, and leave a little lighter."
        ),
        "eligibility_description": (
            "Adult family members and friends. Your loved one need not come."
        ),
        "application_process": "Come along; first-timers are always welcome.",
        "fees_description": "Free.",
        "url": "https://example.org/prairie-families/group",
        "email": "families@example.org",
        "verified_days_ago": 30,
        "support": ["emotional", "informational", "validation"],
        "resource": ["support-group"],
        "topic": ["caring", "psychosis", "bipolar"],
        "audience": ["families-carers"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": "", "es": "A Spanish-speaking volunteer comes to every meeting."},
        "locations": {"prairie-commons": ""},
        "phones": [call("608-555-0140")],
        "schedules": [monthly("2TU", time(18, 30), time(20))],
    },
    {
        "slug": "prairie-families-online-circle",
        "organization": "prairie-families",
        "name": "Online circle for caregivers",
        "description": (
            "A private online forum for family caregivers, with a live text chat on Sunday "
            "evenings. Ask anything, any time; a trained volunteer moderates."
        ),
        "eligibility_description": (
            "Adults in Wisconsin who care for someone with a mental illness."
        ),
        "application_process": "Sign up on the website; a moderator approves you within a day.",
        "fees_description": "Free.",
        "url": "https://example.org/prairie-families/online-circle",
        "verified_days_ago": 30,
        "support": ["emotional", "social-connection", "informational"],
        "resource": ["online-community"],
        "topic": ["caring"],
        "audience": ["families-carers"],
        "delivery": ["text-chat"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [WISCONSIN],
        "locations": {"prairie-families-online": ""},
        "schedules": [weekly("SU", time(19), time(20), description="live chat")],
    },
    # Grief.
    {
        "slug": "willow-grief-support-group",
        "organization": "willow-grief",
        "name": "Grief support group",
        "description": (
            "A gentle, volunteer-led group for adults grieving the death of someone close. "
            "There's no right way to grieve, and no pressure to talk."
        ),
        "eligibility_description": "Adults, whenever the loss happened.",
        "application_process": "Call or email so we can welcome you, then come along.",
        "fees_description": "Free.",
        "url": "https://example.org/willow/group",
        "email": "willow@example.org",
        "verified_days_ago": 150,
        "support": ["emotional", "social-connection", "validation"],
        "resource": ["support-group"],
        "topic": ["grief"],
        "audience": ["everyone"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"willow-house": ""},
        "phones": [call("608-555-0150")],
        "schedules": [weekly("MO", time(18), time(19, 30), interval=2, dtstart=date(2026, 1, 5))],
    },
    {
        "slug": "willow-suicide-loss-circle",
        "organization": "willow-grief",
        "name": "Circle for people bereaved by suicide",
        "description": (
            "A safe space for anyone who has lost someone to suicide. Led by two facilitators "
            "who are survivors of suicide loss themselves."
        ),
        "eligibility_description": "Adults who have lost a family member or friend to suicide.",
        "application_process": "Please call before your first visit so we can say hello.",
        "fees_description": "Free.",
        "url": "https://example.org/willow/suicide-loss",
        "email": "willow@example.org",
        "verified_days_ago": 150,
        "support": ["emotional", "validation"],
        "resource": ["support-group"],
        "topic": ["grief", "suicide-prevention"],
        "audience": ["everyone", "families-carers"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"willow-house": ""},
        "phones": [call("608-555-0151")],
        "schedules": [monthly("-1FR", time(19), time(20, 30))],
    },
    {
        "slug": "willow-childrens-grief-group",
        "organization": "willow-grief",
        "name": "Children's grief group",
        "description": (
            "Play, art and stories help children make sense of a death in the family. Parents "
            "meet in the next room at the same time."
        ),
        "eligibility_description": "Children aged 6 to 12 and the adults who care for them.",
        "application_process": "Call to register. We meet each family before the first group.",
        "fees_description": "Free.",
        "url": "https://example.org/willow/children",
        "minimum_age": 6,
        "maximum_age": 12,
        "verified_days_ago": 150,
        "support": ["emotional", "coping", "social-connection"],
        "resource": ["support-group"],
        "topic": ["grief"],
        "audience": ["young-people", "families-carers"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"willow-house": ""},
        "phones": [call("608-555-0152")],
        "schedules": [monthly("1SA", time(10), time(11, 30))],
    },
    # LGBTQ+.
    {
        "slug": "rainbow-harbor-youth-drop-in",
        "organization": "rainbow-harbor",
        "name": "Youth drop-in",
        "description": (
            "Hang out, do homework, play games and be yourself. Trained adult mentors are "
            "always around if you want to talk."
        ),
        "eligibility_description": "LGBTQ+ and questioning young people aged 13 to 20.",
        "application_process": "Just drop in. No parent permission needed.",
        "fees_description": "Free. Snacks too.",
        "url": "https://example.org/rainbow-harbor/drop-in",
        "email": "hello@example.org",
        "minimum_age": 13,
        "maximum_age": 20,
        "verified_days_ago": 75,
        "support": ["social-connection", "validation", "emotional"],
        "resource": ["community-organisation"],
        "topic": ["loneliness", "depression", "anxiety"],
        "audience": ["lgbtq", "young-people"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": "", "es": ""},
        "locations": {"rainbow-harbor": ""},
        "phones": [call("608-555-0160")],
        "schedules": [weekly("TU,TH", time(15, 30), time(19))],
    },
    {
        "slug": "rainbow-harbor-online-hangout",
        "organization": "rainbow-harbor",
        "name": "Online hangout",
        "description": (
            "A moderated online chat for LGBTQ+ young people across Wisconsin, especially if "
            "there's nowhere like Rainbow Harbor near you."
        ),
        "eligibility_description": "LGBTQ+ and questioning young people aged 13 to 20.",
        "application_process": "Sign up on the website; a moderator sends you a link.",
        "fees_description": "Free.",
        "url": "https://example.org/rainbow-harbor/hangout",
        "minimum_age": 13,
        "maximum_age": 20,
        "verified_days_ago": 75,
        "support": ["social-connection", "validation"],
        "resource": ["online-community"],
        "topic": ["loneliness"],
        "audience": ["lgbtq", "young-people"],
        "delivery": ["online", "text-chat"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [WISCONSIN],
        "locations": {"rainbow-harbor-online": ""},
        "schedules": [weekly("FR", time(16), time(18))],
    },
    {
        "slug": "rainbow-harbor-adult-peer-group",
        "organization": "rainbow-harbor",
        "name": "LGBTQ+ adult peer group",
        "description": (
            "Peer support for LGBTQ+ adults: coming out at any age, family, faith, and looking "
            "after your mental health in a world that isn't always kind."
        ),
        "eligibility_description": "LGBTQ+ adults 21 and over.",
        "application_process": "Come along. The door is open from 6:15.",
        "fees_description": "Free.",
        "url": "https://example.org/rainbow-harbor/adults",
        "minimum_age": 21,
        "verified_days_ago": 75,
        "support": ["validation", "emotional", "social-connection"],
        "resource": ["support-group"],
        "topic": ["depression", "anxiety", "loneliness"],
        "audience": ["lgbtq"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"rainbow-harbor": ""},
        "schedules": [
            weekly("TH", time(18, 30), time(20), interval=2, dtstart=date(2026, 1, 8)),
        ],
    },
    # Cultural communities.
    {
        "slug": "nuestra-voz-mujeres-fuertes",
        "organization": "nuestra-voz",
        "name": "Grupo de apoyo Mujeres Fuertes",
        "alternate_name": "Strong Women support group",
        "description": (
            "Un grupo en español para mujeres: hablamos del estrés, la tristeza y la vida lejos "
            "de casa, con café y sin juicios. A Spanish-speaking group for women, with childcare."
        ),
        "eligibility_description": "Mujeres mayores de 18 años. Women 18 and over.",
        "application_process": "Venga cuando quiera. Just come along.",
        "fees_description": "Gratis. Free.",
        "url": "https://example.org/nuestra-voz/mujeres-fuertes",
        "email": "hola@example.org",
        "minimum_age": 18,
        "verified_days_ago": 40,
        "support": ["emotional", "social-connection", "validation"],
        "resource": ["support-group"],
        "topic": ["depression", "anxiety", "loneliness"],
        "audience": ["women", "cultural-community"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"es": ""},
        "locations": {"nuestra-voz-centro": ""},
        "phones": [call("608-555-0170", "En español")],
        "schedules": [weekly("SA", time(10), time(11, 30))],
    },
    {
        "slug": "nuestra-voz-promotoras",
        "organization": "nuestra-voz",
        "name": "Promotoras de salud mental",
        "alternate_name": "Community mental-health workers",
        "description": (
            "Promotoras from the community help you find a counsellor who speaks Spanish, fill "
            "in insurance and clinic forms, get to appointments, and speak up for what you need."
        ),
        "eligibility_description": "Spanish-speaking families in Dane County.",
        "application_process": "Call or drop in to the centre; a promotora will call you back.",
        "fees_description": "Free.",
        "url": "https://example.org/nuestra-voz/promotoras",
        "email": "hola@example.org",
        "verified_days_ago": 40,
        "support": ["practical", "informational", "advocacy"],
        "resource": ["peer-support"],
        "topic": ["depression", "anxiety", "caring"],
        "audience": ["cultural-community", "families-carers"],
        "delivery": ["in-person", "phone"],
        "cost": ["free"],
        "languages": {"es": "", "en": ""},
        "service_areas": [DANE_COUNTY],
        "locations": {"nuestra-voz-centro": ""},
        "phones": [call("608-555-0171")],
        "schedules": [weekly(WEEKDAYS, time(9), time(17))],
    },
    {
        "slug": "horn-family-wellbeing-circle",
        "organization": "horn-family",
        "name": "Family wellbeing circle",
        "description": (
            "A monthly gathering in Somali and Arabic to talk about stress, loss and raising "
            "children far from home, with food, tea and a visiting counsellor who answers "
            "questions about mental health."
        ),
        "eligibility_description": "Families from East Africa and the Middle East.",
        "application_process": "Come along, or call to ask about the women's-only session.",
        "fees_description": "Free.",
        "url": "https://example.org/horn-family/circle",
        "email": "families@example.org",
        "verified_days_ago": 400,
        "support": ["social-connection", "emotional", "informational"],
        "resource": ["community-organisation"],
        "topic": ["loneliness", "ptsd-trauma", "depression", "caring"],
        "audience": ["cultural-community", "women", "families-carers"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"so": "", "ar": "", "en": ""},
        "locations": {"horn-family-center": ""},
        "phones": [call("608-555-0175")],
        "schedules": [monthly("3SU", time(14), time(16))],
    },
    # Older adults.
    {
        "slug": "golden-years-friendly-calls",
        "organization": "golden-years",
        "name": "Friendly phone calls",
        "description": (
            "A trained volunteer calls you at the same time each week for a chat. Many callers "
            "and volunteers have become real friends."
        ),
        "eligibility_description": "Adults 60 and over in Dane County who would like company.",
        "application_process": "Call us, or ask a family member or doctor to call for you.",
        "fees_description": "Free.",
        "url": "https://example.org/golden-years/calls",
        "email": "hello@example.org",
        "minimum_age": 60,
        "verified_days_ago": None,
        "support": ["emotional", "social-connection"],
        "resource": ["community-organisation"],
        "topic": ["loneliness", "grief", "depression"],
        "audience": ["older-adults"],
        "delivery": ["phone"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [DANE_COUNTY],
        "phones": [call("608-555-0180", "To sign up")],
        "schedules": [weekly(WEEKDAYS, time(9), time(12))],
    },
    {
        "slug": "golden-years-coffee-and-conversation",
        "organization": "golden-years",
        "name": "Coffee and conversation",
        "description": (
            "Coffee, cake and good company on Wednesday mornings. Sometimes a speaker, "
            "sometimes a game of cards, always a warm welcome."
        ),
        "eligibility_description": "Older adults, and anyone who comes with them.",
        "application_process": "Drop in. Call if you need a ride.",
        "fees_description": "Free.",
        "url": "https://example.org/golden-years/coffee",
        "verified_days_ago": 10,
        "support": ["social-connection"],
        "resource": ["support-group"],
        "topic": ["loneliness"],
        "audience": ["older-adults"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"monona-lakeside-commons": ""},
        "phones": [call("608-555-0181", "Rides")],
        "schedules": [weekly("WE", time(10), time(11, 30))],
    },
    # Pregnancy and new parents.
    {
        "slug": "little-lanterns-new-parent-group",
        "organization": "little-lanterns",
        "name": "New parent support group",
        "description": (
            "Feeling anxious, low, or not like yourself since the baby came? You're not alone. "
            "Bring your baby and meet other parents, in the family room or by video."
        ),
        "eligibility_description": "Anyone pregnant or with a baby under one year, and partners.",
        "application_process": "Come in person, or register on the website for the video link.",
        "fees_description": "Free.",
        "url": "https://example.org/little-lanterns/group",
        "email": "parents@example.org",
        "verified_days_ago": 15,
        "support": ["emotional", "validation", "social-connection"],
        "resource": ["support-group"],
        "topic": ["perinatal", "anxiety", "depression"],
        "audience": ["women", "families-carers"],
        "delivery": ["in-person", "online"],
        "cost": ["free"],
        "languages": {"en": "", "es": ""},
        "locations": {"little-lanterns-fitchburg": "", "little-lanterns-online": ""},
        "phones": [call("608-555-0185")],
        "schedules": [weekly("FR", time(10), time(11, 30))],
    },
    {
        "slug": "little-lanterns-perinatal-counselling",
        "organization": "little-lanterns",
        "name": "Perinatal counselling by video",
        "description": (
            "Counselling from therapists who specialise in pregnancy, birth, loss and the first "
            "year, by video or phone, so you don't have to leave home."
        ),
        "eligibility_description": "Anyone in Wisconsin who is pregnant or had a baby recently.",
        "application_process": "Book a free 15-minute call to see if it's a good fit.",
        "fees_description": "$120 a session, or billed to insurance. Medicaid accepted.",
        "url": "https://example.org/little-lanterns/counselling",
        "email": "parents@example.org",
        "verified_days_ago": 15,
        "support": ["emotional", "coping"],
        "resource": ["counselling"],
        "topic": ["perinatal", "anxiety", "depression", "grief"],
        "audience": ["women", "families-carers"],
        "delivery": ["online", "phone"],
        "cost": ["insurance", "fee"],
        "languages": {"en": ""},
        "service_areas": [WISCONSIN],
        "locations": {"little-lanterns-online": ""},
        "phones": [call("608-555-0186")],
        "schedules": [weekly("TU,WE,TH", time(9), time(19))],
    },
    # Substance use.
    {
        "slug": "steady-ground-recovery-coaching",
        "organization": "steady-ground",
        "name": "Recovery coaching",
        "description": (
            "A recovery coach who has been there walks alongside you, whatever your path: "
            "cutting down, stopping, or staying stopped. Help with treatment, housing and work."
        ),
        "eligibility_description": "Adults affected by alcohol or drug use.",
        "application_process": "Walk in during opening hours or call to meet a coach.",
        "fees_description": "Free.",
        "url": "https://example.org/steady-ground/coaching",
        "email": "recovery@example.org",
        "verified_days_ago": 55,
        "support": ["validation", "coping", "practical"],
        "resource": ["peer-support"],
        "topic": ["substance-use"],
        "audience": ["everyone"],
        "delivery": ["in-person", "phone"],
        "cost": ["free"],
        "languages": {"en": "", "es": ""},
        "locations": {"steady-ground-house": ""},
        "phones": [call("608-555-0190"), text("608-555-0191", "Text a coach")],
        "schedules": [weekly(WEEKDAYS, time(9), time(17))],
    },
    {
        "slug": "steady-ground-all-recovery-meeting",
        "organization": "steady-ground",
        "name": "All-recovery meeting",
        "description": (
            "A meeting for every pathway to recovery, from twelve-step to medication-assisted "
            "to your own way. Come as you are."
        ),
        "eligibility_description": "Anyone in or seeking recovery.",
        "application_process": "Drop in.",
        "fees_description": "Free.",
        "url": "https://example.org/steady-ground/meetings",
        "verified_days_ago": 55,
        "support": ["validation", "social-connection"],
        "resource": ["support-group"],
        "topic": ["substance-use"],
        "audience": ["everyone"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"steady-ground-house": ""},
        "schedules": [
            weekly("MO", time(12), time(13)),
            weekly("TH", time(19), time(20)),
        ],
    },
    {
        "slug": "steady-ground-family-recovery-group",
        "organization": "steady-ground",
        "name": "Family recovery group",
        "description": (
            "For people who love someone who drinks or uses drugs. Learn what helps, look after "
            "yourself, and meet families who understand."
        ),
        "eligibility_description": "Family members and friends, 16 and over.",
        "application_process": "Come along, no need to book.",
        "fees_description": "Free.",
        "url": "https://example.org/steady-ground/families",
        "minimum_age": 16,
        "verified_days_ago": 430,
        "support": ["emotional", "informational", "coping"],
        "resource": ["support-group"],
        "topic": ["substance-use", "caring"],
        "audience": ["families-carers"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"steady-ground-house": ""},
        "schedules": [monthly("4TH", time(18), time(19, 30))],
    },
    # Eating disorders.
    {
        "slug": "clear-horizon-online-group",
        "organization": "clear-horizon",
        "name": "Online eating disorder support group",
        "description": (
            "A video group facilitated by people in recovery from an eating disorder. Talk about "
            "what's hard and what's helping, with no talk of numbers."
        ),
        "eligibility_description": "People 16 and over in Wisconsin, at any stage of recovery.",
        "application_process": "Register on the website; we'll email you the link.",
        "fees_description": "Free.",
        "url": "https://example.org/clear-horizon/group",
        "email": "support@example.org",
        "minimum_age": 16,
        "verified_days_ago": 100,
        "support": ["validation", "coping", "emotional"],
        "resource": ["support-group"],
        "topic": ["eating-disorders"],
        "audience": ["everyone"],
        "delivery": ["online"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [WISCONSIN],
        "locations": {"clear-horizon-online": ""},
        "schedules": [weekly("SU", time(16), time(17, 30))],
    },
    {
        "slug": "clear-horizon-forum",
        "organization": "clear-horizon",
        "name": "Clear Horizon forum",
        "description": (
            "A moderated forum where people recovering from an eating disorder, and their "
            "families, support each other any time of day."
        ),
        "eligibility_description": "People 16 and over in Wisconsin.",
        "application_process": "Create an account on the website.",
        "fees_description": "Free.",
        "url": "https://example.org/clear-horizon/forum",
        "minimum_age": 16,
        "verified_days_ago": 100,
        "support": ["social-connection", "validation"],
        "resource": ["online-community"],
        "topic": ["eating-disorders", "anxiety"],
        "audience": ["everyone", "families-carers"],
        "delivery": ["text-chat"],
        "cost": ["free"],
        "languages": {"en": ""},
        "service_areas": [WISCONSIN],
        "locations": {"clear-horizon-online": ""},
    },
    # Psychosis, mood.
    {
        "slug": "open-minds-hearing-voices-group",
        "organization": "open-minds",
        "name": "Hearing voices group",
        "description": (
            "A peer group where you can talk openly about voices, visions and unusual beliefs, "
            "and make sense of them in your own way. Join in the hall or by video."
        ),
        "eligibility_description": "Adults with experience of voices, visions or psychosis.",
        "application_process": "Come along in person, or email for the video link.",
        "fees_description": "Free.",
        "url": "https://example.org/open-minds/group",
        "email": "openminds@example.org",
        "verified_days_ago": 35,
        "support": ["validation", "social-connection", "coping"],
        "resource": ["support-group"],
        "topic": ["psychosis"],
        "audience": ["everyone"],
        "delivery": ["in-person", "online"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"isthmus-community-hall": "Room 3.", "open-minds-online": ""},
        "schedules": [weekly("TU", time(19), time(20, 30))],
    },
    {
        "slug": "even-keel-mood-support-group",
        "organization": "even-keel",
        "name": "Mood support group",
        "description": (
            "Peer support for people living with depression or bipolar disorder. Share the ups "
            "and downs, swap ideas for steadier days, and know you're not alone."
        ),
        "eligibility_description": "Adults living with depression or bipolar disorder.",
        "application_process": "Drop in; the first half hour is for newcomers' questions.",
        "fees_description": "Free.",
        "url": "https://example.org/even-keel/group",
        "email": "hello@example.org",
        "verified_days_ago": None,
        "support": ["validation", "coping", "emotional"],
        "resource": ["support-group"],
        "topic": ["bipolar", "depression"],
        "audience": ["everyone"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"middleton-commons": ""},
        "schedules": [weekly("WE", time(18, 30), time(20))],
    },
    # Men, women, advocacy.
    {
        "slug": "middleton-mens-workshop",
        "organization": "middleton-workshop",
        "name": "Men's workshop",
        "description": (
            "Woodwork, bike repair and fixing things for neighbours. Men who wouldn't sit in a "
            "circle to talk often find they do talk, working side by side."
        ),
        "eligibility_description": "Men of any age over 18; no skills needed.",
        "application_process": "Drop in on a Tuesday evening or Saturday morning.",
        "fees_description": "Free. A $5 donation towards materials is welcome but not expected.",
        "url": "https://example.org/mens-workshop",
        "email": "workshop@example.org",
        "minimum_age": 18,
        "verified_days_ago": 250,
        "support": ["social-connection", "practical"],
        "resource": ["community-organisation"],
        "topic": ["loneliness", "depression", "grief"],
        "audience": ["men", "older-adults"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"middleton-workshop": ""},
        "schedules": [
            weekly("TU", time(18), time(20, 30)),
            weekly("SA", time(9), time(12)),
        ],
    },
    {
        "slug": "harbor-light-womens-trauma-group",
        "organization": "harbor-light",
        "name": "Women's trauma recovery group",
        "description": (
            "A closed group for women healing from abuse or assault. Learn grounding skills and "
            "rebuild a sense of safety, at your own pace, with a trauma-trained facilitator."
        ),
        "eligibility_description": "Women 18 and over; we meet with you first to talk it through.",
        "application_process": "Call to arrange a confidential first conversation.",
        "fees_description": "Free.",
        "url": "https://example.org/harbor-light/group",
        "email": "care@example.org",
        "minimum_age": 18,
        "verified_days_ago": 70,
        "support": ["coping", "validation", "emotional"],
        "resource": ["support-group"],
        "topic": ["ptsd-trauma"],
        "audience": ["women"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": "", "es": ""},
        "locations": {"harbor-light-verona": ""},
        "phones": [call("608-555-0195")],
        "schedules": [weekly("TH", time(13), time(14, 30))],
    },
    {
        "slug": "harbor-light-trauma-therapy",
        "organization": "harbor-light",
        "name": "Trauma-focused therapy",
        "description": (
            "One-to-one therapy with therapists trained in trauma-focused approaches, in a calm "
            "and private setting. Evening appointments available."
        ),
        "eligibility_description": "Adults of any gender. Women-only waiting room on request.",
        "application_process": "Call to book a free first consultation.",
        "fees_description": (
            "$95 a session; a limited number of reduced-fee places. Most insurance accepted."
        ),
        "url": "https://example.org/harbor-light/therapy",
        "email": "care@example.org",
        "minimum_age": 18,
        "verified_days_ago": 70,
        "support": ["emotional", "coping"],
        "resource": ["counselling"],
        "topic": ["ptsd-trauma", "anxiety"],
        "audience": ["everyone", "women"],
        "delivery": ["in-person", "online"],
        "cost": ["fee", "insurance", "sliding-scale"],
        "languages": {"en": ""},
        "locations": {"harbor-light-verona": ""},
        "phones": [call("608-555-0196")],
        "schedules": [weekly(WEEKDAYS, time(9), time(18))],
    },
    {
        "slug": "speak-up-peer-advocacy",
        "organization": "speak-up",
        "name": "Peer advocacy",
        "description": (
            "A peer advocate helps you prepare for appointments, understand your rights, make a "
            "plan for your care in a crisis, or raise a complaint, and can come with you."
        ),
        "eligibility_description": "Adults in Dane County who use mental-health services.",
        "application_process": "Call, email, or come to the Tuesday drop-in at the hall.",
        "fees_description": "Free and independent of any hospital or clinic.",
        "url": "https://example.org/speak-up",
        "email": "advocates@example.org",
        "verified_days_ago": 25,
        "support": ["advocacy", "informational"],
        "resource": ["peer-support"],
        "topic": ["psychosis", "bipolar", "depression"],
        "audience": ["everyone"],
        "delivery": ["in-person", "phone", "online"],
        "cost": ["free"],
        "languages": {"en": "", "es": "Through an interpreter."},
        "service_areas": [DANE_COUNTY],
        "locations": {"isthmus-community-hall": "Drop-in on Tuesdays, 10 a.m. to 1 p.m."},
        "phones": [call("608-555-0197")],
        "schedules": [weekly(WEEKDAYS, time(10), time(16))],
    },
    # Students.
    {
        "slug": "isthmus-student-peer-chat",
        "organization": "isthmus-students",
        "name": "Student peer chat",
        "description": (
            "Chat online with a trained student volunteer about exams, homesickness, "
            "relationships, or anything on your mind. Anonymous if you like."
        ),
        "eligibility_description": "College students in Dane County.",
        "application_process": "Open the chat on the website during opening hours.",
        "fees_description": "Free.",
        "url": "https://example.org/student-wellbeing/chat",
        "email": "students@example.org",
        "verified_days_ago": 5,
        "support": ["emotional", "informational"],
        "resource": ["online-community", "peer-support"],
        "topic": ["anxiety", "depression", "loneliness"],
        "audience": ["students"],
        "delivery": ["text-chat"],
        "cost": ["free"],
        "languages": {"en": "", "zh": "Some volunteers chat in Mandarin."},
        "service_areas": [DANE_COUNTY],
        "schedules": [weekly("SU,MO,TU,WE,TH", time(19), time(23))],
    },
    {
        "slug": "isthmus-student-support-group",
        "organization": "isthmus-students",
        "name": "Student support group",
        "description": (
            "An hour to breathe in the middle of the semester. A student-led group to share "
            "how things are going, with a counsellor on hand."
        ),
        "eligibility_description": "College students.",
        "application_process": "Drop in to the hub.",
        "fees_description": "Free.",
        "url": "https://example.org/student-wellbeing/group",
        "alert": "No meetings during winter break; the group starts again the first week of term.",
        "verified_days_ago": 5,
        "support": ["social-connection", "coping"],
        "resource": ["support-group"],
        "topic": ["anxiety", "depression"],
        "audience": ["students"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"isthmus-student-hub": ""},
        "schedules": [weekly("MO", time(17), time(18))],
    },
    # Faith community, veterans.
    {
        "slug": "verona-interfaith-meals-and-rides",
        "organization": "verona-interfaith",
        "name": "Meals and rides",
        "description": (
            "When mental illness makes daily life hard, volunteers bring home-cooked meals, "
            "drive you to appointments, and help with shopping or childcare."
        ),
        "eligibility_description": (
            "Anyone in Verona, Fitchburg or southwest Madison, for themselves or a family member."
        ),
        "application_process": "Call the office; a coordinator will phone you back within a day.",
        "fees_description": "Free.",
        "url": "https://example.org/interfaith-care/meals-and-rides",
        "email": "care@example.org",
        "verified_days_ago": 180,
        "support": ["practical"],
        "resource": ["community-organisation"],
        "topic": ["caring", "depression"],
        "audience": ["everyone", "families-carers", "older-adults"],
        "delivery": ["in-person", "phone"],
        "cost": ["free"],
        "languages": {"en": "", "ar": "One volunteer driver speaks Arabic."},
        "locations": {"verona-interfaith-hall": ""},
        "phones": [call("608-555-0198")],
        "schedules": [weekly(WEEKDAYS, time(9), time(15))],
    },
    {
        "slug": "prairie-veterans-coffee-hour",
        "organization": "prairie-veterans",
        "name": "Veterans coffee hour",
        "description": (
            "Veterans of every era meet for coffee, stories and the odd bad joke. Some come for "
            "the company, some for help with VA paperwork; everyone is welcome."
        ),
        "eligibility_description": "Veterans, service members and their partners.",
        "application_process": "Come along on the first Saturday of the month.",
        "fees_description": "Free.",
        "url": "https://example.org/prairie-veterans/coffee",
        "email": "fellowship@example.org",
        "verified_days_ago": 110,
        "support": ["social-connection", "validation", "practical"],
        "resource": ["support-group"],
        "topic": ["ptsd-trauma", "loneliness"],
        "audience": ["veterans", "men"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"prairie-commons": ""},
        "phones": [call("608-555-0199")],
        "schedules": [monthly("1SA", time(9), time(11))],
    },
    # Not published: what curators see while an entry is being prepared or has ended.
    {
        "slug": "monona-art-and-wellbeing-group",
        "organization": "monona-creative",
        "name": "Art and wellbeing group",
        "status": "draft",
        "description": (
            "Drawing, painting and collage as a gentle way to relax and express what's hard to "
            "say. No art skills needed."
        ),
        "eligibility_description": "Adults.",
        "application_process": "Email to reserve a place; materials provided.",
        "fees_description": "$5 a session, free if that's hard.",
        "url": "https://example.org/creative-wellbeing/group",
        "email": "studio@example.org",
        "verified_days_ago": None,
        "support": ["coping", "social-connection"],
        "resource": ["support-group"],
        "topic": ["anxiety", "depression"],
        "audience": ["everyone"],
        "delivery": ["in-person"],
        "cost": ["fee"],
        "languages": {"en": ""},
        "locations": {"monona-lakeside-commons": ""},
        "schedules": [weekly("TH", time(14), time(16))],
    },
    {
        "slug": "lakeshore-winter-walking-group",
        "organization": "lakeshore-peers",
        "name": "Winter walking group",
        "status": "inactive",
        "description": "A peer-led walk around the lake for fresh air and company.",
        "eligibility_description": "Anyone who can walk for about an hour.",
        "application_process": "Meet at the Lakeshore office.",
        "fees_description": "Free.",
        "url": "https://example.org/lakeshore-peers/walking",
        "alert": "This group has ended. Ask about the wellness and recovery group instead.",
        "verified_days_ago": 500,
        "support": ["social-connection"],
        "resource": ["support-group"],
        "topic": ["loneliness", "depression"],
        "audience": ["everyone"],
        "delivery": ["in-person"],
        "cost": ["free"],
        "languages": {"en": ""},
        "locations": {"lakeshore-east": ""},
        "schedules": [weekly("SA", time(9), time(10))],
    },
]
