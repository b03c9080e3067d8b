"""Titles, roles and affiliations of people, read from the words around their names.

"Mayor Domenic Sarno", "Diana Sierra, an organizer at the Pioneer Valley Workers Center",
"White House spokesman Josh Earnest", "Sen. Bernie Sanders of Vermont", "X, who heads Y".
The tables are data: extend them rather than the code.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from .model import Role

# fmt: off
# Titles written before a name, with the role they give (None: courtesy titles, no role).
TITLES: dict[str, str | None] = {
    "mr": None, "mrs": None, "ms": None, "miss": None, "mx": None, "madam": None, "sir": None,
    "dame": None, "lord": None, "lady": None,
    "president": "president", "pres": "president", "vice": "vice", "premier": "premier",
    "prime": "prime", "minister": "minister", "chancellor": "chancellor", "king": "king",
    "queen": "queen", "prince": "prince", "princess": "princess", "pope": "pope",
    "mayor": "mayor", "governor": "governor", "gov": "governor", "lt": "lieutenant",
    "lieutenant": "lieutenant", "senator": "senator", "sen": "senator", "sens": "senator",
    "representative": "representative", "rep": "representative", "reps": "representative",
    "congressman": "congressman", "congresswoman": "congresswoman", "councilor": "councilor",
    "councillor": "councilor", "councilman": "councilman", "councilwoman": "councilwoman",
    "alderman": "alderman", "assemblyman": "assemblyman", "assemblywoman": "assemblywoman",
    "delegate": "delegate", "speaker": "speaker", "secretary": "secretary", "sec": "secretary",
    "attorney": "attorney", "general": "general", "gen": "general", "adm": "admiral",
    "admiral": "admiral", "col": "colonel", "colonel": "colonel", "maj": "major",
    "major": "major", "capt": "captain", "captain": "captain", "sgt": "sergeant",
    "sergeant": "sergeant", "cmdr": "commander", "commander": "commander", "officer": "officer",
    "judge": "judge", "justice": "justice", "chief": "chief", "dr": "doctor", "prof": "professor",
    "professor": "professor", "rev": "reverend", "reverend": "reverend", "father": "father",
    "rabbi": "rabbi", "imam": "imam", "bishop": "bishop", "cardinal": "cardinal",
    "sheriff": "sheriff", "commissioner": "commissioner", "superintendent": "superintendent",
    "ambassador": "ambassador", "chairman": "chairman", "chairwoman": "chairwoman",
    "treasurer": "treasurer", "comptroller": "comptroller", "director": "director",
    "coach": "coach", "detective": "detective", "trooper": "trooper", "deputy": "deputy",
    "former": "former", "acting": "acting", "state": "state", "u.s.": "u.s.", "us": "u.s.",
    "retired": "retired", "ceo": "chief executive", "del": "delegate", "amb": "ambassador",
    "atty": "attorney", "cpl": "corporal", "pvt": "private", "brig": "brigadier",
    "supt": "superintendent", "insp": "inspector", "inspector": "inspector", "leader": "leader",
    "majority": "majority", "minority": "minority", "press": "press", "spokesman": "spokesman",
    "spokeswoman": "spokeswoman", "spokesperson": "spokesperson", "chair": "chair",
}
# Words that are a title only after another: "Chief Executive Tom Reilly".
TITLES_AFTER = {"executive": {"chief"}}
LOWER_TITLES = {"former", "retired"}  # title words written in lower case too ("former Sen. X")
# Title words that only modify the next title ("Vice President", "Lt. Gen.", "former Sen.").
TITLE_MODIFIERS = {"vice", "lt", "lieutenant", "former", "acting", "deputy", "chief", "state", "u.s.",
                   "us", "prime", "attorney", "assistant", "associate", "retired",
                   "majority", "minority", "press", "brig"}
HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m",
                    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f",
                    "queen": "f", "princess": "f"}
ROLE_GENDER = {"congressman": "m", "congresswoman": "f", "councilman": "m", "councilwoman": "f",
               "chairman": "m", "chairwoman": "f", "spokesman": "m", "spokeswoman": "f",
               "businessman": "m", "businesswoman": "f", "assemblyman": "m", "assemblywoman": "f",
               "alderman": "m", "wife": "f", "husband": "m", "mother": "f", "father": "m",
               "daughter": "f", "son": "m", "sister": "f", "brother": "m", "actress": "f",
               "widow": "f", "girl": "f", "boy": "m", "woman": "f", "man": "m", "lady": "f"}
# Members of a body: "Councilor Adam Gomez" belongs to the "... City Council" of the article.
ROLE_BODIES = {"councilor": "council", "councilman": "council", "councilwoman": "council",
               "senator": "senate", "assemblyman": "assembly", "assemblywoman": "assembly",
               "alderman": "board", "commissioner": "commission", "trustee": "board",
               "representative": "house", "delegate": "house", "justice": "court", "judge": "court"}
# Adjectives kept in a role ("senior adviser"); others ("longtime", "Democratic") are dropped.
ROLE_ADJECTIVES = {"senior", "chief", "former", "deputy", "executive", "general", "assistant",
                   "associate", "national", "special", "vice", "acting", "interim", "principal",
                   "lead", "top", "managing", "presidential", "legal", "political", "financial",
                   "foreign", "medical", "press", "federal", "state", "local", "regional"}
# What one leads without a role in it: "who leads the Iowa polls".
STANDINGS = {"poll", "race", "field", "pack", "survey", "count", "tally"}
# "X, who heads Y": the verb gives the role.
ROLE_VERBS = {"head": "head", "lead": "leader", "run": "head", "chair": "chair", "direct": "director",
              "found": "founder", "co-found": "co-founder", "own": "owner", "manage": "manager",
              "represent": "representative", "coach": "coach", "edit": "editor"}
AFFILIATION_PREPS = {"at", "of", "for", "with", "to", "from", "in", "on"}
# Nouns that are never a role in an apposition ("Sanders, 74,", "Trump, the Republican nominee").
NOT_ROLES = {"year", "years", "time", "day", "one", "part", "kind", "lot", "way", "thing"}
AFFILIATION_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
# fmt: on


def title_key(token: Token) -> str:
    """A token's text as a title table key: lower case, without its final period."""
    return token.text.lower().rstrip(".")


def is_title(token: Token) -> bool:
    """Whether a token is a title before a name; "Executive" only after "Chief" ("Chief
    Executive Tom Reilly", not "Executive Order 13769")."""
    return is_title_word(token.text) or (
        token.text[:1].isupper()
        and title_key(token) in TITLES_AFTER
        and token.i > 0
        and title_key(token.nbor(-1)) in TITLES_AFTER[title_key(token)]
    )


def is_title_word(text: str) -> bool:
    """Whether a word is a title written before a name: "Sen.", "Mayor", "former"."""
    key = text.lower().rstrip(".")
    return key in TITLES and (text[:1].isupper() or key in LOWER_TITLES)


def title_role(titles: list[Token]) -> str | None:
    """The role a run of title words gives: ["Lt.", "Gen."] -> "lieutenant general"."""
    keys = [k for t in titles if (k := title_key(t)) in TITLES_AFTER or TITLES.get(k)]
    if not keys or all(k in TITLE_MODIFIERS for k in keys):
        return None
    return " ".join(TITLES.get(k) or k for k in keys)


def _entity_text(token: Token) -> str | None:
    """The named entity a token belongs to, without a leading 'the' or trailing possessive."""
    if token.ent_type_ not in AFFILIATION_LABELS:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    span = doc[start:end]
    words = [t for t in span if t.tag_ != "POS" and not (t.i == start and t.lower_ == "the")]
    return " ".join(t.text for t in words) if words else None


def noun_phrase(token: Token) -> str:
    """A noun's phrase without determiners, possessives or relative clauses."""
    if name := _entity_text(token):
        return name
    keep = [t for t in token.subtree if t.i <= token.i and t.dep_ in {"compound", "amod", "nmod"}]
    return " ".join(t.text for t in [*keep, token])


def role_phrase(noun: Token) -> str:
    """The role a noun names: "a senior campaign adviser" -> "senior campaign adviser"."""
    words: list[Token] = []
    for t in noun.lefts:
        noun_compound = t.dep_ == "compound" and t.pos_ in {"NOUN", "PROPN"} and not t.ent_type_
        if noun_compound or (t.dep_ in {"amod", "compound"} and t.lower_ in ROLE_ADJECTIVES):
            words.append(t)
    doc = noun.doc
    head = noun.lower_
    if noun.i >= 2 and doc[noun.i - 1].text == "-" and not doc[noun.i - 2].whitespace_:
        head = f"{doc[noun.i - 2].lower_}-{head}"  # "front-runner", "co-founder"
        words = [t for t in words if t.i < noun.i - 2]
    return " ".join([*(t.lower_ for t in words), head])


def affiliation_of(noun: Token) -> str | None:
    """Where a role noun belongs: its possessor ("Trump's adviser"), the organisation "its" is
    ("The Iowa Farm Bureau endorsed the bill. Its president, ..."), or its prepositional object."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            return noun_phrase(child)
        if child.dep_ == "poss" and child.lower_ == "its":
            return _organisation_before(child)
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return noun_phrase(obj) if obj.pos_ == "PROPN" or obj.ent_type_ else None
    return None


def _organisation_before(token: Token) -> str | None:
    """The organisation named last before a token, in its sentence or the one before."""
    sentence = token.sent
    start = sentence.start
    if start > 0:
        start = token.doc[start - 1].sent.start
    found = [e for e in token.doc.ents if e.label_ == "ORG" and start <= e.start and e.end <= token.i]
    return _entity_text(found[-1][-1]) if found else None


def is_role_noun(token: Token) -> bool:
    hyphened = token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-" and not token.whitespace_
    return token.pos_ == "NOUN" and token.lower_ not in NOT_ROLES and token.is_alpha and not hyphened


def roles_around(name: Span, titles: list[Token]) -> list[Role]:
    """Roles a person mention states: its titles, left modifiers, apposition, relative clause."""
    roles: list[Role] = []
    doc = name.doc
    head = name.root
    # "Springfield Mayor Domenic Sarno", "Sen. Bernie Sanders": titles before the name.
    if role := title_role(titles):
        affiliation = None
        first = titles[0].i if titles else name.start
        if first > 0 and (prev := _entity_text(doc[first - 1])) and doc[first - 1].ent_type_ != "PERSON":
            affiliation = prev
        roles.append(Role(role, affiliation))
    # "pollster Pat Caddell", "White House press secretary Josh Earnest": lower-case role nouns.
    i = (titles[0].i if titles else name.start) - 1
    nouns: list[Token] = []
    while i >= 0 and doc[i].pos_ == "NOUN" and doc[i].is_lower and doc[i].dep_ in {"compound", "amod"}:
        nouns.insert(0, doc[i])
        i -= 1
    if nouns and not titles:
        affiliation = _entity_text(doc[i]) if i >= 0 and doc[i].ent_type_ in AFFILIATION_LABELS else None
        roles.append(Role(" ".join(t.lower_ for t in nouns), affiliation))
    # "Diana Sierra, an organizer at the Pioneer Valley Workers Center"
    for child in head.rights:
        if child.dep_ == "appos" and is_role_noun(child):
            roles.append(Role(role_phrase(child), affiliation_of(child)))
        elif child.dep_ == "relcl" and child.lemma_ in ROLE_VERBS:
            for obj in child.children:
                if obj.dep_ == "dobj" and obj.ent_type_ in AFFILIATION_LABELS:
                    roles.append(Role(ROLE_VERBS[child.lemma_], _entity_text(obj)))
                elif (
                    obj.dep_ == "dobj"
                    and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.lefts)
                    and obj.ent_type_ != "PERSON"
                    and obj.lemma_.lower() not in STANDINGS
                ):
                    roles.append(Role(ROLE_VERBS[child.lemma_], noun_phrase(obj)))  # "the Skyward chapter"
        elif child.dep_ == "prep" and child.lower_ == "of" and roles:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in {"GPE", "ORG"} and roles[-1].affiliation is None:
                    roles[-1] = Role(roles[-1].role, _entity_text(obj))
    # "the center's director, Jane Doe": the name is in apposition to the role.
    if head.dep_ == "appos" and is_role_noun(head.head):
        roles.append(Role(role_phrase(head.head), affiliation_of(head.head)))
    return roles


def merge_roles(roles: Iterable[Role]) -> list[Role]:
    """Distinct roles, an affiliated one replacing the same role without affiliation."""
    out: dict[str, Role] = {}
    for r in roles:
        if r.role not in out or (out[r.role].affiliation is None and r.affiliation):
            out[r.role] = r
    return list(out.values())


def body_affiliation(role: Role, organizations: Iterable[str]) -> Role:
    """Give a member of a body ("councilor") the article's body of that kind ("City Council")."""
    body = ROLE_BODIES.get(role.role.split()[-1])
    if role.affiliation or not body:
        return role
    for org in organizations:
        words = org.lower().split()
        if body in words and not (role.role.endswith("judge") and "supreme" in words):
            return Role(role.role, org)  # but a judge is on a lower court: a supreme court's are justices
    return role
