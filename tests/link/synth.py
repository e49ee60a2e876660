"""A tiny synthetic world for the link and assess tests: made-up people, numbers and places."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from vigil.model import Entity, Post

TEMPLATES = [
    "New girl {name} in {city}, only {age} years, sweet and discreet, she is waiting for you all night, "
    "call her manager on {phone} for incall and outcall, new photos, real pictures, visiting this week only",
    "Hot massage with {name} in {city}, {age} years, full relax body to body, private apartment near the station, "
    "open every day from morning to late night, booking by phone {phone}, discreet entrance",
    "Молодая девушка {name} в городе {city}, {age} лет, нежная и ласковая, звоните менеджеру {phone}, "
    "только эта неделя, апартаменты в центре, фото реальные",
    "Νέα κοπέλα {name} στην {city}, {age} χρονών, γλυκιά και διακριτική, καλέστε στο {phone}, "
    "μόνο αυτή την εβδομάδα, διαμέρισμα στο κέντρο, αληθινές φωτογραφίες",
]
NAMES = ["anna", "maria", "olga", "lena", "sofia", "irina", "daria", "nadia", "vera", "kira", "mila", "zoe"]
CITIES = ["Berlin", "Hamburg", "Munich", "Vienna", "Prague", "Warsaw", "Athens", "Riga"]
INDEPENDENT = [
    "Hi I am {name}, independent lady living in {city}, I choose my clients myself, tea and good talk first, "
    "message me at {phone} a day before, no rush, no agency, my own flat with parking",
    "{name} here, mature and relaxed companion in {city} for dinner dates and travel, I speak three languages, "
    "write to {phone} with a short introduction please, weekends preferred",
    "Self-employed masseuse {name} in {city}, licensed, sports and classic massage only, nothing else, "
    "appointments on {phone}, card payment possible, gift vouchers available",
]


def _phone(rng: random.Random) -> str:
    return "+4915" + "".join(rng.choice("0123456789") for _ in range(9))


def make_world(seed: int = 7, networks: int = 4, personas: int = 3, posts_each: int = 3, independents: int = 6,
               hub_posts: int = 0) -> tuple[list[Post], dict[str, list[Entity]], dict[str, int]]:
    """(posts, entities by post, true network index by post id; -1 = not in a network)."""
    rng = random.Random(seed)
    posts: list[Post] = []
    ents: dict[str, list[Entity]] = {}
    truth: dict[str, int] = {}
    t0 = datetime(2026, 9, 1, tzinfo=UTC)
    hub = "+4930000000"

    def add(text: str, net: int, phone: str, name: str, age: int, city: str, day: int, extra_hub: bool) -> None:
        pid = f"p{len(posts):020d}"
        if extra_hub:
            text += f" (site support {hub})"
        posts.append(Post(id=pid, source_id=rng.choice(["site-a", "site-b"]), native_id=f"n{len(posts)}", text=text,
                          location=city, posted_at=t0 + timedelta(days=day), language="en"))
        es = [Entity(pid, "phone", phone, phone, "text", 0, 1, "test", 1.0),
              Entity(pid, "name", name, name, "text", 0, 1, "test", 1.0),
              Entity(pid, "age", str(age), str(age), "text", 0, 1, "test", 1.0)]
        if extra_hub:
            es.append(Entity(pid, "phone", hub, hub, "text", 0, 1, "test", 1.0))
        ents[pid] = es
        truth[pid] = net

    used = 0
    for n in range(networks):
        template = TEMPLATES[n % len(TEMPLATES)]
        phones = [_phone(rng), _phone(rng)]  # the controller rotates two numbers
        for k in range(personas):
            name, age = NAMES[(n * personas + k) % len(NAMES)], 19 + (k * 5) % 12
            for j in range(posts_each):
                city = CITIES[(k + j + n) % len(CITIES)]
                phone = phones[(k + j) % 2] if k else phones[0]
                add(template.format(name=name.title(), city=city, age=age, phone=phone), n, phone, name, age, city,
                    day=7 * j + k, extra_hub=used < hub_posts)
                used += 1
    for i in range(independents):
        phone, name, city = _phone(rng), f"{NAMES[(i + 5) % len(NAMES)]}{'i' * (i // len(NAMES))}", CITIES[i % len(CITIES)]
        text = INDEPENDENT[i % len(INDEPENDENT)].format(name=name.title(), city=city, phone=phone)
        add(text, -1 - i, phone, name, 30 + i, city, day=i, extra_hub=used < hub_posts)
        used += 1
    return posts, ents, truth
