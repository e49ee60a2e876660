"""Handles with their platform; platform words alone are not handles."""

from __future__ import annotations

import pytest

from tests.extract.helpers import values

CASES = [
    ("Telegram: @anna_sweet99", ["telegram:anna_sweet99"], "word, colon and @"),
    ("t.me/AnnaSweet", ["telegram:annasweet"], "profile URL, lower-cased"),
    ("wa.me/4915123456789", ["whatsapp:+4915123456789"], "WhatsApp link normalised to E.164"),
    ("insta: lina.love", ["instagram:lina.love"], "short platform word with colon"),
    ("IG @bella.k", ["instagram:bella.k"], "IG then @"),
    ("snap - kiki_xo", ["snapchat:kiki_xo"], "dash separator"),
    ("tiktok.com/@kiki_xo", ["tiktok:kiki_xo"], "TikTok URL"),
    ("onlyfans.com/bellak", ["onlyfans:bellak"], "OnlyFans URL"),
    ("facebook.com/anna.k.92", ["facebook:anna.k.92"], "Facebook URL"),
    ("vk.com/id12345", ["vk:id12345"], "VK URL"),
    ("x.com/annax", ["twitter:annax"], "X URL is twitter"),
    ("wechat: anna_2024", ["wechat:anna_2024"], "WeChat"),
    ("Line ID: annaline", ["line:annaline"], "Line"),
    ("skype: anna.k.live", ["skype:anna.k.live"], "Skype"),
    ("discord: anna#1234", ["discord:anna#1234"], "Discord with discriminator"),
    ("telegram only, @superanna", ["telegram:superanna"], "bare @ with one platform named"),
    ("Telegram only 👉 @jobs.diana", ["telegram:jobs.diana"], "'only' and an arrow between"),
    ("Schreib auf Instagram masha1998, ich gehe nicht ran", ["instagram:masha1998"], "platform then a name with digits"),
    ("Scrivi su Snapchat nicolehot, non rispondo", ["snapchat:nicolehot"], "preposition before the platform"),
    ("Instagram only 👉 insta: vip.vika", ["instagram:vip.vika"], "a second platform word introduces the name"),
    ("signal app: l a r a _ v i p 9 4", ["signal:lara_vip94"], "spaced-out handle"),
    ("Write me on Telegram please", [], "a plain word after the platform"),
    ("WhatsApp only. Telegram: only. Instagram: available", [], "platform words without handles"),
    ("instagram.com/explore", [], "reserved path"),
    ("contact me @annas_place", [], "bare @ without a platform"),
    ("Write on Telegram tg: elta _ lux77, I don't answer calls", ["telegram:elta_lux77"], "'_' spaced out between parts"),
    ("Only messages! t e l e g r a m: mian _ real4", ["telegram:mian_real4"], "spaced word, spaced '_'"),
    ("Signal only 👉 sgnl: karireal", ["signal:karireal"], "'sgnl' introduces the name, it is not the name"),
    ("Telegram channel for news. Signal only 👉 @raraeu", ["signal:raraeu"],
     "the '@name' read with its platform is not given a second one"),
    ("Instagram for photos, Telegram for chat, write @lina_x", ["telegram:lina_x"],
     "several platforms named: the last one before the '@name' decides"),
    ("Instagram and Telegram.\n\n\n\n" + "x" * 70 + " @lina_x", [], "several named, none close to it: no guess"),
    ("Írj Instagram-on roxanakiss, hívást nem veszek fel", ["instagram:roxanakiss"],
     "Hungarian case ending on the platform word works as 'on Instagram'"),
    ("Irj Signal-on @hot.diana, hivast nem veszek fel", ["signal:hot.diana"], "case ending, then '@name'"),
    ("mail anna@example.com", [], "an e-mail is not a handle"),
    ("Find us on Facebook! Mail to sales or @floodauto.com", [], "a bare '@domain.com' is a mail domain, not a profile"),
    ("Only texts on Signal! No calls. @mira.07", ["signal:mira.07"], "Signal has usernames: a bare '@name' is one"),
    ("WhatsApp only, no calls. @mira.07", [], "WhatsApp has no usernames: the '@name' is not its handle"),
    ("Nur Nachrichten über Telegram! Keine Anrufe. sonja_88 🙂", ["telegram:sonja_88"],
     "platform sentence, one short sentence, the handle alone at the end of the line"),
    ("Тільки повідомлення в Signal! Без дзвінків. oksana_k", ["signal:oksana_k"], "the same in Ukrainian"),
    ("Messages Telegram uniquement! Pas d'appels. belleamelie", ["telegram:belleamelie"],
     "a lower-case name without digits, alone at the end of the line"),
    ("Only messages on Telegram! No calls. Thanks", [], "a capitalised word that ends the line is a sign-off"),
    ("Only messages on Telegram! No calls. thanks", [], "a sign-off in lower case is not a handle either"),
    ("Write on Telegram. Instagram is for photos. lina_x", [], "another platform in between: not a tail handle"),
    ("Only messages on WhatsApp! No calls. anna_88", [], "WhatsApp's handle is a phone number"),
    ("I use Telegram. Call me tomorrow, the flat is free", [], "a handle must end the line"),
]


@pytest.mark.parametrize(("text", "expected", "why"), CASES)
def test_handle(text: str, expected: list[str], why: str) -> None:
    assert values(text, "handle") == expected, why
