"""The words the demo data is made of: names, organisations, titles, notes."""

from __future__ import annotations

FIRST_NAMES = (
    "Ana", "Ben", "Chen", "Dara", "Elena", "Farid", "Grace", "Hiro", "Inès", "Jonas",
    "Kemi", "Liam", "Maya", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tara",
    "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoë", "Aisha", "Bruno", "Carmen", "David",
    "Emeka", "Fatima", "Gabriel", "Hannah", "Ivan", "Julia", "Kenji", "Lena", "Mateo",
    "Nadia", "Omar", "Priya", "Rafael", "Sofia", "Tomás", "Uma", "Victor", "Wanjiru",
    "Yara", "Zain", "Alice", "Boris", "Chloe", "Diego", "Eva", "Felix", "Greta", "Hassan",
    "Ingrid", "Jamal", "Kira", "Lucas", "Mina", "Noah",
)  # fmt: skip
LAST_NAMES = (
    "Silva", "Okafor", "Nguyen", "Müller", "García", "Kowalski", "Tanaka", "Haddad",
    "Johansson", "O'Neill", "Rossi", "Dubois", "Novak", "Patel", "Kim", "Andersen",
    "Mensah", "Ivanova", "Costa", "Fischer", "Yilmaz", "Sato", "Moreau", "Lindqvist",
    "Hughes", "Adeyemi", "Chen", "Park", "Schmidt", "Bianchi", "Nakamura", "Ferreira",
    "Kaur", "Larsen", "Murphy", "Popescu", "Rahman", "Santos", "Takahashi", "Weber",
    "Zhang", "Alvarez", "Brennan", "Cohen", "Dimitrov", "Eriksson", "Fernandes", "Gupta",
    "Horvat", "Ibrahim", "Jensen", "Kovač", "Lopez", "Mazur", "Nowak", "Ortiz", "Petrov",
    "Quinlan", "Reyes", "Sharma", "Tran", "Usman", "Varga", "Walsh",
)  # fmt: skip
ORGANISATIONS = (
    ("Northwind Labs", "northwind.example"), ("Fabrikam", "fabrikam.example"),
    ("Contoso", "contoso.example"), ("Tailspin Toys", "tailspin.example"),
    ("Globex", "globex.example"), ("Initech", "initech.example"),
    ("Wayfarer Press", "wayfarer.example"), ("Litware", "litware.example"),
    ("Adventure Works", "adventure-works.example"), ("Proseware", "proseware.example"),
    ("Woodgrove Bank", "woodgrove.example"), ("Lamna Healthcare", "lamna.example"),
    ("Trey Research", "treyresearch.example"), ("Fourth Coffee", "fourthcoffee.example"),
    ("Humongous Insurance", "humongous.example"), ("Nod Publishers", "nod.example"),
    ("Relecloud", "relecloud.example"), ("University of Westbrook", "westbrook.example"),
    ("Open Data Institute", "opendata.example"), ("Blue Yonder Airlines", "blueyonder.example"),
)  # fmt: skip
ROLES = (
    "Engineering Manager", "Staff Engineer", "Product Designer", "CTO", "Founder",
    "PhD student", "Professor", "Recruiter", "Developer Advocate", "Data Scientist",
    "Editor", "Program Chair", "Investor", "Freelance writer", "Head of Research",
    "Product Manager", "Site Reliability Engineer", "Journalist",
)  # fmt: skip
CONTACT_TAGS = (
    "mentor", "peer", "client", "recruiter", "investor", "alumni", "conference",
    "open source", "writing", "friend",
)  # fmt: skip
EVENTS = (
    "PyCon", "EuroPython", "FOSDEM", "the local Python meetup", "a hackathon",
    "the product offsite", "an alumni dinner", "a conference workshop", "Strange Loop",
)  # fmt: skip
CONTACT_NOTES = (
    "Prefers email over calls.", "Writing a book on distributed systems.",
    "Hiring for a platform team.", "Runs the city's data meetup.",
    "Interested in co-authoring a talk.", "Moving to Lisbon next year.",
    "Great at giving blunt feedback.", "Knows everyone in the Rust community.",
)  # fmt: skip
ITEM_TITLES = (  # (title, the tag it always carries)
    ("Write chapter {n}", "book"), ("Edit chapter {n}", "book"), ("Fix {bug}", "bug"),
    ("Investigate {bug}", "bug"), ("Draft conference talk", "talk"), ("Draft {doc}", "writing"),
    ("Update {doc}", "writing"), ("Outline {doc}", "writing"), ("Review PR #{pr}", "open source"),
    ("Ship release {major}.{minor}", "open source"), ("Refactor the {module} module", "infra"),
    ("Add tests for {module}", "infra"), ("Benchmark {module}", "infra"),
    ("Migrate {module} to {tech}", "infra"), ("Prepare slides for {event}", "talk"),
    ("Submit CFP to {event}", "talk"), ("Write blog post on {topic}", "writing"),
    ("Read paper on {topic}", "research"), ("Prototype {feature}", "feature"),
    ("Design {feature}", "feature"), ("Record demo video of {feature}", "feature"),
    ("Fix login timeout", "bug"), ("Send invoice to {org}", "client"),
    ("File quarterly taxes", "admin"),
)  # fmt: skip
BUGS = (
    "flaky CI job", "memory leak in the parser", "date parsing on DST days",
    "slow report query", "broken export link", "race in cache refresh",
    "crash on empty input", "wrong totals at month end",
)  # fmt: skip
DOCS = (
    "README", "onboarding guide", "API reference", "grant proposal", "quarterly report",
    "design doc for sync", "release notes", "book proposal",
)  # fmt: skip
MODULES = ("billing", "auth", "search", "export", "sync", "scheduler", "parser", "reporting")
TECHS = ("asyncio", "PostgreSQL 16", "the new API", "Rust", "Python 3.12")
TOPICS = (
    "time zones", "deep work", "CRDTs", "property-based testing", "query planning",
    "caching strategies", "type systems", "career capital",
)  # fmt: skip
FEATURES = (
    "offline mode", "bulk import", "dark theme", "keyboard shortcuts", "usage dashboard",
    "webhook retries", "CSV export", "search filters",
)  # fmt: skip
ITEM_TAGS = (
    "book", "client", "open source", "talk", "infra", "research", "admin", "writing",
    "bug", "feature",
)  # fmt: skip
ITEM_NOTES = (
    "Blocked on review.", "See the design doc.", "Needs numbers from finance.",
    "Pair with Sam on this.", "Keep it under 2,000 words.", "Ask for feedback first.",
)  # fmt: skip
PRODUCE_NOTES = (
    "deep focus", "outline done", "slow start", "interrupted twice", "good progress",
    "finished the draft", "stuck on an edge case", "tests green", "first pass done",
)  # fmt: skip
NETWORK_NOTES = (
    "LinkedIn catch-up", "thank-you notes after the meetup", "replied to messages",
    "planned the next meetup", "updated contact notes", "intro emails",
)  # fmt: skip
SESSION_WITH = ("Coffee with {first}", "Catch-up with {first}", "Call with {first}")
ASKED = (
    "Asked for feedback on the talk outline.", "Asked about openings on their team.",
    "Asked for an intro to their CTO.", "Asked how they run their reading group.",
)  # fmt: skip
HELPED = (
    "Reviewed their CV.", "Helped debug their CI setup.", "Gave notes on their talk.",
    "Sent them a list of good editors.", "Answered questions about the job market.",
)  # fmt: skip
