"""Deterministic generator of synthetic interview anthologies for the benchmarks.

Every portrait is a fictional Québec French interview of realistic size (about 20 KB and 40
exchanges): accents, « guillemets », curly apostrophes, @handles, #hashtags, links on
example.org / example.com, short bullet lists, multi-paragraph answers and a ``#ff`` question.
The text is assembled from the word and sentence banks below with ``random.Random(seed + i)``
for portrait ``i``, so the same arguments always produce byte-identical folders.

This file is a plain module, not a package member: the scripts of this folder import it after
putting their own directory on ``sys.path``.  It is also a command line tool::

    python benchmarks/synth.py N OUTDIR [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "GENERATOR_VERSION",
    "ensure_anthology",
    "portrait_id",
    "slugify",
    "write_anthology",
]

#: Bump when the generated text changes, so cached folders in ``bench-out/`` are regenerated.
GENERATOR_VERSION = 1

# Every apostrophe of the banks is written as ASCII "'" and turned into the typographic
# apostrophe U+2019 when text is produced, as in the published interviews.
_APOSTROPHE = "\u2019"

# Target size of one portrait file, in UTF-8 bytes.
_SIZE_MIN = 18_500
_SIZE_MAX = 21_500

# ----------------------------------------------------------------------------------- word banks
# fmt: off

_FIRST_NAMES = (
    "Julie", "Geneviève", "Maude", "Félix", "Rosalie", "Samuel", "Émilie", "Véronique", "Hélène",
    "Mélanie", "Stéphane", "Frédéric", "Andrée-Anne", "Marie-Ève", "Jean-François", "Noémie",
    "Gabrielle", "Catherine", "Benoît", "Jérôme", "Mathieu", "Éloïse", "Léa", "Chloé", "Zoé",
    "Raphaël", "Étienne", "Sébastien", "Isabelle", "Annie", "Karine", "Valérie", "Sophie",
    "Olivier", "Maxime", "Guillaume", "Pierre-Luc", "Marc-André", "Josée", "Nathalie", "Danielle",
    "François", "Anaïs", "Océane", "Béatrice", "Thérèse", "Amélie", "Clément", "Loïc", "Cédric",
    "Priya", "Leïla", "Yasmine", "Karim", "Nadia", "Mylène", "Sabrina", "Élodie", "Joël", "Hugo",
)
_LAST_NAMES = (
    "Tremblay", "Gagnon", "Bouchard", "Côté", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
    "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard",
    "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier",
    "Lapointe", "Leclerc", "Lefebvre", "Poulin", "Thibault", "St-Pierre", "Nadeau", "Martel",
    "Desjardins", "Désormeaux", "Thériault", "Ménard", "Lachance", "Bédard", "Brisebois",
    "Lévêque", "Provencher", "Vézina", "Hébert", "Béliveau", "Gendron", "Paquin", "Saint-Onge",
    "Lavigueur", "Duchesne", "Boisvert", "Raman", "Haddad", "Nguyen", "Dumais", "Théberge",
)
_AFFILIATIONS = (
    "Coop Fil d'Érable", "Brûlerie Saint-Roch", "Radio du Plateau", "Boulangerie Chez Gérard",
    "Festival des Lanternes", "Théâtre du Hangar bleu", "Collectif Mode Seconde Vie",
    "Agence Pixel",
    "Fromagerie du Rang 9", "Microbrasserie La Chaloupe", "Studio Courtepointe", "Télé-Grenouille",
    "Café du Vieux Quai", "Librairie L'Encrier", "Festival d'été du Lac-aux-Huards",
    "Musée de la Pêche à la mouche", "Société des Écureuils", "Vélo-Boulot", "Maison Lumière",
    "Agence Boréale", "Caisse des Cèdres", "Restaurant L'Œuf bleu", "Crémerie Chez Françoise",
    "Ateliers Récup'Art", "Marché des Trois-Pignons", "Orchestre des Érables",
    "Plusieurs comptes via l'agence Papillon", "Hôtel des Glaçons", "Salon du livre de Rivière",
)
_ROLES = (
    "gestionnaire de communauté", "stratège en médias sociaux", "responsable des communications",
    "conseillère web", "animateur de communauté", "coordonnatrice marketing numérique",
    "gestionnaire de contenu", "consultant en médias sociaux",
)
_TAGS = (
    "écologie", "mode", "musique", "restauration", "médias", "culture", "sport", "tourisme",
    "théâtre", "alimentation", "technologie", "édition", "festival", "commerce local", "santé",
    "éducation", "design", "bière", "café", "cinéma",
)
_CITIES = (
    "Montréal", "Québec", "Sherbrooke", "Trois-Rivières", "Gatineau", "Rimouski", "Saguenay",
    "Lévis", "Saint-Jérôme", "Drummondville", "Granby", "Val-d'Or", "Sept-Îles", "Joliette",
)
_PLATFORMS = (
    "Facebook", "Twitter", "Pinterest", "LinkedIn", "YouTube", "Tumblr", "Google+", "Foursquare",
    "Instagram", "Flickr", "Vimeo", "MySpace",
)
_TOOLS = (
    "HootSuite", "TweetDeck", "Google Analytics", "Klout", "Bit.ly", "Radian6", "Sprout Social",
    "Feedly", "Evernote", "Google Reader", "Dropbox", "Buffer",
)
_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)
# (noun phrase with article, feminine?, plural?)
_NOUNS: tuple[tuple[str, bool, bool], ...] = (
    ("la communauté", True, False), ("le contenu", False, False), ("les abonnés", False, True),
    ("la stratégie", True, False), ("l'engagement", False, False), ("la marque", True, False),
    ("le client", False, False), ("les médias sociaux", False, True),
    ("la visibilité", True, False), ("le réseau", False, False), ("l'audience", True, False),
    ("le ton", False, False), ("la conversation", True, False), ("les commentaires", False, True),
    ("le blogue", False, False),
    ("la page", True, False), ("le concours", False, False), ("les statistiques", True, True),
    ("la réputation", True, False), ("le budget", False, False), ("les partenaires", False, True),
    ("la publicité", True, False), ("le calendrier éditorial", False, False),
    ("les créateurs", False, True), ("l'équipe", True, False), ("le mandat", False, False),
    ("la crise", True, False), ("le message", False, False), ("les artisans", False, True),
    ("la plateforme", True, False), ("le fil de nouvelles", False, False),
    ("les entreprises", True, True), ("la relation", True, False), ("le public", False, False),
    ("les photos", True, True), ("la vidéo", True, False), ("le design", False, False),
    ("les événements", False, True), ("l'achalandage", False, False), ("la formation", True, False),
    ("le marché", False, False), ("les PME", True, True), ("la culture", True, False),
    ("le projet", False, False), ("les bénévoles", False, True), ("l'image", True, False),
    ("le quartier", False, False), ("les lecteurs", False, True), ("la campagne", True, False),
    ("le courriel", False, False), ("les outils", False, True), ("la patience", True, False),
    ("le webzine", False, False), ("les tendances", True, True), ("la transparence", True, False),
    ("le service à la clientèle", False, False), ("les données", True, True),
    ("la créativité", True, False), ("le bouche-à-oreille", False, False),
    ("les influenceurs", False, True), ("la crédibilité", True, False), ("le rythme", False, False),
    ("les fans", False, True), ("la cohérence", True, False), ("le patron", False, False),
    ("les collègues", False, True), ("l'œuvre", True, False), ("le cœur du métier", False, False),
    ("les habitudes", True, True), ("la veille", True, False), ("le référencement", False, False),
)
# (masculine, feminine) singular forms
_ADJECTIVES: tuple[tuple[str, str], ...] = (
    ("dynamique", "dynamique"), ("local", "locale"), ("authentique", "authentique"),
    ("créatif", "créative"), ("fidèle", "fidèle"), ("précieux", "précieuse"),
    ("essentiel", "essentielle"), ("nouveau", "nouvelle"), ("fragile", "fragile"),
    ("spontané", "spontanée"), ("québécois", "québécoise"), ("efficace", "efficace"),
    ("complet", "complète"), ("discret", "discrète"), ("engagé", "engagée"), ("ouvert", "ouverte"),
    ("sérieux", "sérieuse"), ("drôle", "drôle"), ("exigeant", "exigeante"), ("génial", "géniale"),
    ("attachant", "attachante"), ("imprévisible", "imprévisible"), ("énorme", "énorme"),
    ("étonnant", "étonnante"), ("cohérent", "cohérente"), ("premier", "première"),
    ("réel", "réelle"), ("actif", "active"), ("sympathique", "sympathique"), ("franc", "franche"),
    ("entier", "entière"), ("léger", "légère"), ("doux", "douce"), ("bref", "brève"),
)
_VERBS = (
    "animer", "partager", "écouter", "répondre", "publier", "mesurer", "rassembler", "convaincre",
    "former", "accompagner", "planifier", "improviser", "relayer", "modérer", "raconter",
    "surprendre", "fidéliser", "tester", "documenter", "célébrer", "expliquer", "vulgariser",
    "créer", "recycler", "réseauter", "encourager", "déléguer", "optimiser", "décrocher", "gérer",
    "bâtir", "nourrir", "protéger", "questionner", "remercier", "s'adapter", "s'amuser",
    "défendre", "provoquer", "simplifier",
)
_ADVERBS = (
    "vraiment", "souvent", "rarement", "toujours", "parfois", "franchement", "honnêtement",
    "clairement", "tranquillement", "énormément", "presque", "assurément", "concrètement",
    "rapidement", "naturellement", "patiemment", "sincèrement", "carrément",
)
_EXPRESSIONS = (
    "gestionnaire de communauté", "animatrice de fil", "poste sur mesure", "temps partiel",
    "gazouilleuse en chef", "community manager", "maman des fans", "pompier du web", "branding",
    "know-how", "multitâche", "social media friendly", "bon coup", "job de rêve",
)
_HASHTAG_WORDS = (
    "ff", "polqc", "mtl", "qc", "cm", "smmtl", "webfest", "écolo", "mode", "bouffe", "culture",
    "médiassociaux", "emploi", "veille", "concours", "jeudi", "rimouski", "bièreqc", "livresqc",
)
_READING_TITLES = (
    "Le métier de gestionnaire de communauté en dix questions",
    "Sept idées reçues sur l'animation de communauté",
    "Stratège ou animateur : deux métiers différents?",
    "Mesurer l'engagement sans se perdre dans les chiffres",
    "Du lundi au dimanche avec une animatrice de réseaux",
    "Écouter d'abord : petit manuel pour les marques pressées",
    "Ce que les tableaux de bord ne montrent pas",
    "Où s'en va la gestion de communauté au Québec?",
    "Gérer une crise sur Facebook en cinq étapes",
    "Pourquoi les PME devraient écouter avant de publier",
    "Le guide du concours en ligne réussi",
    "Réseaux sociaux : le rôle du community manager dans la stratégie",
)

_SENTENCES = (
    "J'ai commencé en {annee}, un peu par hasard, en aidant {personne} avec {gn}.",
    "Pour moi, {nom} passe avant tout par {gn}.",
    "C'est {adv} ce qui me motive : {verbe} {gn} et voir {nom} grandir.",
    "On me demande souvent si c'est une « vraie job ». La réponse est oui!",
    "Au début, personne ne savait trop ce que voulait dire « {expression} ».",
    "Sur {plateforme}, le public réagit {adv} mieux qu'on le pense à {gn}.",
    "Je suis {adv} convaincue qu'il faut {verbe} avant de {verbe}.",
    "Avec {handle}, on a monté un petit projet autour de {gn} à {ville}.",
    "Le mot-clic {hashtag} a fait boule de neige en quelques heures.",
    "J'en parle d'ailleurs sur mon blogue : {url}",
    "Il y a un bon texte là-dessus : {lien}.",
    "Mon outil préféré reste {outil}, même s'il a ses défauts.",
    "En {mois} {annee}, on a lancé un concours sur {plateforme} et {gn} a suivi.",
    "Ce n'est pas tout de {verbe} : il faut aussi {verbe} {gn}.",
    "Le plus difficile, c'est de garder {gn} quand le vent tourne.",
    "Je dirais qu'on sous-estime {adv} {gn}.",
    "Mon meilleur conseil? {Verbe} {gn}, puis {verbe} encore.",
    "Honnêtement, j'ai appris sur le tas, en essayant et en me trompant.",
    "Les gens de {ville} ont un rapport {adj} avec {plateforme}.",
    "Quand on te parle de {gn} au dépanneur, tu sais que tu as réussi quelque chose.",
    "J'ai fait l'erreur de publier trop vite, un vendredi soir, sans relire.",
    "Depuis, je relis tout deux fois, même les réponses de trois mots.",
    "C'est un métier où l'on doit {verbe} sans jamais perdre le fil.",
    "Je reste le plus souvent dans l'ombre, aux côtés de {gn}.",
    "Ce qui compte, c'est la confiance; le reste vient avec le temps.",
    "{Personne} m'a appris l'importance de {gn}, et je l'en remercie encore.",
    "Sans {gn}, rien de tout ça n'aurait décollé.",
    "On oublie souvent que derrière chaque compte, il y a un humain.",
    "Je consulte {outil} le matin, avant même mon premier café.",
    "Il m'arrive de passer une soirée entière à {verbe} les commentaires.",
    "Bref, c'est {adv} un travail d'équipe, même quand on est seule devant l'écran.",
    "J'ai souvent dit à mes clients : « Ce n'est pas de la magie, c'est du travail. »",
    "Ça m'a pris {nombre} mois avant de voir de vrais résultats.",
    "On est passé de {nombre} à {nombre}0 abonnés en une saison, sans publicité payante.",
    "À mon avis, {plateforme} est là pour rester, mais pas {plateforme}.",
    "Le secret, c'est d'être {adj} et de ne pas avoir peur de dire « je ne sais pas ».",
    "J'ai beaucoup de respect pour {handle}, qui fait un travail {adj}.",
    "Je garde un œil sur {hashtag} et {hashtag} pendant les événements.",
    "Les PME de la région n'ont pas toujours le temps de {verbe} {gn}.",
    "Mon but, c'est qu'ils n'aient plus besoin de moi d'ici un an.",
    "Mes amis trouvent que je vis un peu trop dans mon téléphone, et ils n'ont pas tort.",
    "Les chiffres ne disent pas tout, mais ils disent quelque chose.",
    "Je rêve d'un Québec où chaque commerce local saurait {verbe} {gn}.",
    "Quand ça déraille, je respire par le nez et je prends le temps de répondre.",
    "C'est en {annee} que j'ai compris que {nom} était un vrai métier.",
    "Le fameux « bon coup » dont je suis fière, c'est {gn} de {marque}.",
    "J'ai eu la chance de travailler avec {marque} pendant {nombre} ans.",
    "Je trouve ça {adj} de voir {gn} prendre vie en ligne.",
    "On peut lire les détails ici : <{url}>",
    "Pour tout dire, je m'ennuie de {gn} quand je prends des vacances.",
    "L'œil du client change tout : ce qui est {adj} pour moi ne l'est pas forcément pour lui.",
    "Mes collègues de {marque} me taquinent encore avec cette histoire-là.",
    "J'ai plongé tête première dans {gn}, avec un enthousiasme de débutante.",
)

_FF_REASONS = (
    "pour son humour grinçant et ses fils de discussion du jeudi.",
    "parce qu'elle déniche toujours des perles sur {gn}.",
    "qui connaît {gn} de {ville} comme le fond de sa poche.",
    "pour sa veille impeccable sur {plateforme}.",
    "un modèle de patience avec {gn}.",
    "ses jeux de mots me font sourire chaque matin.",
    "pour ses analyses pointues, livrées avec une bonne dose d'autodérision.",
    "qui m'a fait découvrir {marque}.",
    "pour ses billets de blogue sur {gn}.",
    "une vraie dynamo, {adv} présente dans la vie de son quartier.",
)

_LEDE_OPENINGS = (
    "Le travail de {role} se réinvente à chaque nouvelle plateforme.",
    "On croise leurs publications tous les jours sans jamais voir leur visage.",
    "Derrière les comptes que l'on suit se cachent des gens passionnés et souvent débordés.",
    "Un compte {plateforme} ne transforme personne en {role} du jour au lendemain.",
    "Ce métier demande du flair, de la patience et un sens aigu du marketing.",
)
_LEDE_MIDDLE = (
    "C'est pourquoi je vous présente, chaque jeudi, une personne qui travaille derrière l'écran.",
    "Cette série veut faire mieux connaître celles et ceux qui animent nos communautés en ligne.",
    "Pour en savoir davantage sur le métier, lisez {lien}.",
    "Comme d'habitude, les réponses n'ont été que légèrement retouchées.",
)

_WHEN_WHERE = ("le matin", "en soirée", "sur {plateforme}", "avec {personne}", "à {ville}",
               "pendant les événements", "le dimanche soir")

# (question, answer kind); kinds drive the answer's shape and size budget
_OPENING_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("À quand remonte la création de tes comptes Twitter et Facebook?", "dates"),
    ("Quelle formation as-tu suivie?", "short"),
    ("Depuis combien de temps fais-tu ce métier?", "short"),
    ("Comment es-tu tombé dans la gestion de communauté?", "long"),
    ("Pour quelles marques ou quels comptes travailles-tu en ce moment?", "list"),
)
_MIDDLE_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("Selon toi, quelle qualité est indispensable dans ce métier?", "normal"),
    ("Résume ton travail en 140 caractères.", "short"),
    ("De quel projet es-tu le plus fier?", "long"),
    ("Raconte-nous une gaffe que tu as faite en ligne.", "long"),
    ("À quoi ressemble une journée typique pour toi?", "list"),
    ("Quels outils utilises-tu au quotidien?", "tools"),
    ("Comment mesures-tu le succès d'une campagne?", "normal"),
    ("Comment réagis-tu devant un commentaire négatif?", "normal"),
    ("Quelle plateforme te surprend le plus ces temps-ci?", "normal"),
    ("Que penses-tu de *Pinterest*?", "long"),
    ("Combien d'heures par semaine passes-tu connecté?", "short"),
    ("Réponds-tu aux messages la fin de semaine?", "normal"),
    ("Quel conseil donnerais-tu à quelqu'un qui commence?", "normal"),
    ("Quelle est la différence entre un gestionnaire de communauté et un stratège?", "long"),
    ("Comment tes clients perçoivent-ils ton rôle?", "normal"),
    ("Quel est ton rapport avec les blogueurs?", "normal"),
    ("As-tu déjà géré une crise?", "long"),
    ("Quelle marque québécoise fait, selon toi, un travail exemplaire?", "normal"),
    ("Et une marque d'ailleurs qui t'inspire?", "normal"),
    ("Quels sont tes mots-clics préférés?", "hashtags"),
    ("Que fais-tu pour décrocher?", "normal"),
    ("Tes proches comprennent-ils ce que tu fais?", "normal"),
    ("Quel est le plus gros mythe sur ton métier?", "normal"),
    ("Comment vois-tu l'avenir de la profession?", "long"),
    ("Quelle est la place du mobile dans ta stratégie?", "normal"),
    ("Utilises-tu la publicité payante sur Facebook?", "normal"),
    ("Comment trouves-tu le ton juste pour une marque?", "normal"),
    ("Quel contenu fonctionne le mieux auprès de ta communauté?", "list"),
    ("As-tu un blogue personnel?", "short"),
    ("Quelles lectures recommanderais-tu?", "links"),
    ("Quel événement t'a marqué cette année?", "normal"),
    ("Travailles-tu seul ou en équipe?", "normal"),
    ("Comment gères-tu la frontière entre vie privée et vie professionnelle?", "long"),
    ("Quel est ton rapport aux chiffres et aux statistiques?", "normal"),
    ("Quelle est la tâche que tu aimes le moins?", "normal"),
    ("Que penses-tu de [Google+](https://example.com/google-plus)?", "normal"),
    ("Si tu n'étais pas gestionnaire de communauté, que ferais-tu?", "normal"),
    ("Comment prépares-tu un concours en ligne?", "list"),
    ("Qu'est-ce qui te fait rire, en ligne?", "normal"),
    ("Le « community manager » est-il en voie de disparition?", "long"),
)
_CLOSING_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("Qui sont tes #ff du vendredi?", "ff"),
    ("Un dernier mot?", "last"),
)

# Relative size of each kind of answer when the portrait's byte budget is shared out.
_WEIGHTS = {
    "short": 0.25, "normal": 1.0, "long": 2.6, "list": 1.3, "tools": 0.9, "hashtags": 0.5,
    "links": 0.7, "ff": 1.6, "last": 0.2, "dates": 0.0,
}

# fmt: on
# ------------------------------------------------------------------------------------- helpers

# French contractions and elisions that the templates produce: "de le" -> "du", "de a" -> "d'a"
_CONTRACTIONS = (
    (re.compile(r"\b([Dd])e le "), r"\1u "),
    (re.compile(r"\b([Dd])e les "), r"\1es "),
    (re.compile(r"\bà le "), "au "),
    (re.compile(r"\bà les "), "aux "),
    (re.compile(r"\b([Dd]|[Qq]u)e ([aeiouéèêàâîôœAEIOUÉÈÊÀÂÎÔ])"), r"\1'\2"),
)


def slugify(text: str) -> str:
    """Lowercase ASCII slug of ``text``: accents stripped, other characters turned into ``-``."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def portrait_id(index: int, name: str) -> str:
    """Id of the generated portrait number ``index`` (1-based): ``portrait-0001-prenom-nom``."""
    return f"portrait-{index:04d}-{slugify(name)}"


def _curly(text: str) -> str:
    return text.replace("'", _APOSTROPHE)


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


@dataclass(frozen=True)
class _Identity:
    index: int
    first: str
    last: str
    affiliation: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def id(self) -> str:
        return portrait_id(self.index, self.name)


def _draw_identity(rng: random.Random, index: int) -> _Identity:
    """The first draws of a portrait's generator: who the subject is."""
    first = rng.choice(_FIRST_NAMES)
    last = rng.choice(_LAST_NAMES)
    if rng.random() < 0.15:
        last = f"{last}-{rng.choice(_LAST_NAMES)}"
    return _Identity(index, first, last, _curly(rng.choice(_AFFILIATIONS)))


def _identity_of(seed: int, index: int) -> _Identity:
    return _draw_identity(random.Random(seed + index), index)


@dataclass
class _Block:
    """A paragraph (``items`` are its sentences) or a bullet list (``items`` are its lines)."""

    kind: str  # "p" or "ul"
    items: list[str] = field(default_factory=list)

    def render(self) -> str:
        if self.kind == "ul":
            return "\n".join(f"- {item}" for item in self.items)
        return " ".join(self.items)


@dataclass
class _Exchange:
    question: str
    kind: str
    blocks: list[_Block] = field(default_factory=list)

    def render(self) -> str:
        head = f"## {self.question}\n"
        if not self.blocks:
            return head
        return head + "\n" + "\n\n".join(block.render() for block in self.blocks) + "\n"


class _Writer:
    """Fills the templates of the banks for one portrait, from one random generator."""

    def __init__(self, rng: random.Random, subject: _Identity, handle: str) -> None:
        self.rng = rng
        self.subject = subject
        self.handle = handle
        self._slots: dict[str, Callable[[], str]] = {
            "gn": self.noun_group,
            "nom": self.noun,
            "adj": lambda: rng.choice(_ADJECTIVES)[0],  # the templates need the masculine
            "verbe": lambda: rng.choice(_VERBS),
            "adv": lambda: rng.choice(_ADVERBS),
            "plateforme": lambda: rng.choice(_PLATFORMS),
            "outil": lambda: rng.choice(_TOOLS),
            "ville": lambda: rng.choice(_CITIES),
            "marque": lambda: rng.choice(_AFFILIATIONS),
            "personne": lambda: rng.choice(_FIRST_NAMES),
            "handle": self.other_handle,
            "hashtag": self.hashtag,
            "url": self.url,
            "lien": self.markdown_link,
            "annee": lambda: str(rng.randint(2003, 2012)),
            "mois": lambda: rng.choice(_MONTHS),
            "nombre": lambda: str(rng.randint(2, 40)),
            "expression": lambda: rng.choice(_EXPRESSIONS),
            "role": lambda: rng.choice(_ROLES),
        }

    # -- slots

    def noun(self) -> str:
        return self.rng.choice(_NOUNS)[0]

    def noun_group(self) -> str:
        noun, feminine, plural = self.rng.choice(_NOUNS)
        if self.rng.random() < 0.45:
            return noun
        adjective = self.rng.choice(_ADJECTIVES)[1 if feminine else 0]
        if plural and not adjective.endswith(("s", "x")):
            if adjective.endswith("al"):
                adjective = adjective[:-2] + "aux"
            elif adjective.endswith("eau"):
                adjective += "x"
            else:
                adjective += "s"
        return f"{noun} {adjective}"

    def other_handle(self) -> str:
        rng = self.rng
        base = slugify(rng.choice(_FIRST_NAMES)).replace("-", "").capitalize()
        tail = slugify(rng.choice(_LAST_NAMES)).replace("-", "")
        style = rng.randrange(4)
        if style == 0:
            return f"@{base}{tail.capitalize()}"
        if style == 1:
            return f"@{base.lower()}_{tail[:4]}"
        if style == 2:
            return f"@{tail.capitalize()}{rng.randint(1, 99)}"
        return f"@{base}{rng.choice(('Qc', 'Mtl', 'Web', 'Eco', 'CM'))}"

    def hashtag(self) -> str:
        return "#" + self.rng.choice(_HASHTAG_WORDS)

    def url(self) -> str:
        rng = self.rng
        host = rng.choice(("example.org", "example.com", "www.example.com", "blogue.example.org"))
        scheme = "http" if rng.random() < 0.25 else "https"
        path = slugify(self.noun()) + "-" + slugify(rng.choice(_VERBS))
        return f"{scheme}://{host}/{rng.randint(2009, 2013)}/{path}"

    def markdown_link(self) -> str:
        label = self.rng.choice(("cet article", "ce billet", "ce dossier", "ce texte"))
        return f"[{label}]({self.url()})"

    # -- text

    def fill(self, template: str) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            value = self._slots[name.lower()]()
            return value[0].upper() + value[1:] if name[0].isupper() else value

        text = re.sub(r"\{(\w+)\}", replace, template)
        for pattern, replacement in _CONTRACTIONS:
            text = pattern.sub(replacement, text)
        return _curly(text)

    def sentence(self) -> str:
        return self.fill(self.rng.choice(_SENTENCES))

    def paragraph(self, budget: int) -> _Block:
        block = _Block("p", [self.sentence()])
        while _utf8_len(block.render()) < budget - 40:
            sentence = self.sentence()
            for _ in range(3):  # avoid repeating a sentence within a paragraph
                if sentence not in block.items:
                    break
                sentence = self.sentence()
            block.items.append(sentence)
        return block

    def french_date(self, year_low: int, year_high: int) -> str:
        day = self.rng.randint(1, 28)
        day_text = "1er" if day == 1 else str(day)
        return f"{day_text} {self.rng.choice(_MONTHS)} {self.rng.randint(year_low, year_high)}"

    def answer(self, kind: str, budget: int) -> list[_Block]:
        rng = self.rng
        if kind == "dates":
            lines = [f"Facebook : {self.french_date(2006, 2009)}"]
            lines.append(f"Twitter : {self.french_date(2008, 2011)}")
            if rng.random() < 0.5:
                lines.append(
                    f"{rng.choice(('Pinterest', 'Instagram', 'LinkedIn'))} : "
                    f"{self.french_date(2010, 2012)}"
                )
            return [_Block("ul", lines)]
        if kind == "last":
            if rng.random() < 0.1:
                return []  # an empty answer is allowed: a closing thank-you with no reply
            return [
                _Block(
                    "p",
                    [
                        _curly(
                            rng.choice(
                                (
                                    "Merci à toi!",
                                    "Longue vie aux communautés!",
                                    "Restez curieux et allumés!",
                                )
                            )
                        )
                    ],
                )
            ]
        if kind == "short":
            return [self.paragraph(min(budget, 160))]
        if kind == "ff":
            handles = sorted({self.other_handle() for _ in range(rng.randint(4, 7))})
            rng.shuffle(handles)
            lines = [f"{handle} : {self.fill(rng.choice(_FF_REASONS))}" for handle in handles]
            blocks = [_Block("ul", lines)]
            used = _utf8_len(blocks[0].render())
            if used < budget - 120:
                blocks.append(self.paragraph(budget - used))
            return blocks
        if kind == "hashtags":
            tags = " ".join(rng.sample([f"#{w}" for w in _HASHTAG_WORDS], rng.randint(3, 6)))
            return [
                _Block("p", [_curly(f"Ceux que je suis le plus : {tags}.")]),
                self.paragraph(max(budget - 80, 60)),
            ]
        if kind == "tools":
            tools = rng.sample(_TOOLS, rng.randint(3, 6))
            lines = [self.fill(f"{tool} : pour {{verbe}} {{gn}}") for tool in tools]
            intro = _Block("p", [self.sentence()])
            return [intro, _Block("ul", lines)]
        if kind == "links":
            lines = [
                f"[{_curly(title)}]({self.url()})"
                for title in rng.sample(_READING_TITLES, rng.randint(3, 5))
            ]
            return [_Block("p", [self.sentence()]), _Block("ul", lines)]
        if kind == "list":
            items = [
                self.fill("{Verbe} {gn} " + rng.choice(_WHEN_WHERE))
                for _ in range(rng.randint(3, 6))
            ]
            head = self.paragraph(max(budget // 3, 80))
            blocks = [head, _Block("ul", items)]
            used = sum(_utf8_len(b.render()) for b in blocks)
            if used < budget - 150:
                blocks.append(self.paragraph(budget - used))
            return blocks
        # "normal" and "long": one to four paragraphs
        count = 1 if budget < 500 else min(4, 1 + budget // 550)
        share = budget // count
        return [self.paragraph(share) for _ in range(count)]


# ------------------------------------------------------------------------------------ portraits


def _front_matter(writer: _Writer, subject: _Identity, n: int, seed: int) -> dict[str, Any]:
    rng = writer.rng
    year = rng.randint(2011, 2013)
    date = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    slug = slugify(subject.name)
    role = rng.choice(_ROLES)
    blog_host = f"{slug.replace('-', '')}.example.org"
    follow: list[dict[str, str]] = [
        {"label": "Facebook", "url": f"https://facebook.example.com/{slug}", "kind": "facebook"},
        {
            "label": writer.handle,
            "url": f"https://twitter.example.com/{writer.handle[1:]}",
            "kind": "twitter",
        },
    ]
    if rng.random() < 0.8:
        follow.append({"label": "Blogue", "url": f"http://{blog_host}/", "kind": "blog"})

    related: list[dict[str, str]] = []
    others = [j for j in range(1, n + 1) if j != subject.index]
    in_book = rng.sample(others, min(len(others), rng.randint(2, 5)))
    for j in in_book:
        other = _identity_of(seed, j)
        related.append({"name": other.name, "affiliation": other.affiliation, "portrait": other.id})
    while len(related) < rng.randint(8, 12):
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        entry = {"name": name, "affiliation": _curly(rng.choice(_AFFILIATIONS))}
        if rng.random() < 0.3:
            entry["url"] = f"https://example.org/blogue/portrait-{slugify(name)}"
        related.append(entry)
    rng.shuffle(related)

    reading = [
        {"label": _curly(title), "url": writer.url()}
        for title in rng.sample(_READING_TITLES, rng.randint(4, 6))
    ]
    affiliations = [subject.affiliation]
    if rng.random() < 0.4:
        affiliations.append(_curly(rng.choice(_AFFILIATIONS)))
    bio = writer.fill(
        f"{rng.choice(('Formatrice', 'Passionné', 'Touche-à-tout', 'Ancienne journaliste'))} "
        f"de {{ville}}, {subject.first} aime {{verbe}} {{gn}} et {{verbe}} {{gn}}."
    )
    return {
        "title": _curly(f"Portrait de gestionnaire de communauté : {subject.name}"),
        "date": date,
        "source": f"https://example.org/blogue/{year}/{date.month:02d}/portrait-{slug}",
        "tags": rng.sample(_TAGS, rng.randint(2, 4)),
        "subject": {
            "name": subject.name,
            "role": role,
            "affiliations": affiliations,
            "bio": bio,
        },
        "follow": follow,
        "related": related,
        "reading": reading,
    }


def _lede(writer: _Writer, subject: _Identity) -> list[str]:
    rng = writer.rng
    first = " ".join(writer.fill(t) for t in rng.sample(_LEDE_OPENINGS, 2))
    second = " ".join(writer.fill(t) for t in rng.sample(_LEDE_MIDDLE, 2))
    third = (
        writer.fill(
            f"Cette semaine, je vous présente {subject.name}, {{role}} chez {subject.affiliation}, "
            f"que vous suivez peut-être déjà sous le nom de {writer.handle}. "
        )
        + writer.sentence()
    )
    return [first, second, third]


def _choose_questions(rng: random.Random) -> list[tuple[str, str]]:
    count = rng.randint(38, 42)
    middle_count = count - len(_OPENING_QUESTIONS) - len(_CLOSING_QUESTIONS)
    middle = rng.sample(_MIDDLE_QUESTIONS, middle_count)
    return [*_OPENING_QUESTIONS, *middle, *_CLOSING_QUESTIONS]


def _head(front: dict[str, Any], lede: list[str]) -> str:
    """Front matter and lede; safe_dump quotes every value that needs it."""
    yaml_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=4096)
    return "".join(["---\n", yaml_text, "---\n\n", "\n\n".join(lede), "\n\n"])


def _render(head: str, exchanges: list[_Exchange]) -> str:
    return head + "\n".join(exchange.render() for exchange in exchanges)


def _portrait_text(index: int, n: int, seed: int) -> tuple[str, str]:
    """The id and the Markdown text of portrait ``index`` (1-based) of an anthology of ``n``."""
    rng = random.Random(seed + index)
    subject = _draw_identity(rng, index)
    handle = "@" + rng.choice(
        (
            slugify(subject.first).replace("-", "") + slugify(subject.last)[:3],
            slugify(subject.first)[:3] + "_" + slugify(subject.last).replace("-", "")[:8],
            slugify(subject.name).replace("-", ""),
        )
    )
    writer = _Writer(rng, subject, handle)
    front = _front_matter(writer, subject, n, seed)
    lede = _lede(writer, subject)
    questions = _choose_questions(rng)
    target = rng.randint(19_200, 20_800)

    # Share the bytes left after the fixed parts among the answers, by kind.
    head = _head(front, lede)
    fixed = _render(head, [_Exchange(_curly(q), k) for q, k in questions])
    remaining = max(target - _utf8_len(fixed), 4000)
    weights = [_WEIGHTS[kind] * rng.uniform(0.6, 1.4) for _, kind in questions]
    total_weight = sum(weights)
    exchanges = []
    for (question, kind), weight in zip(questions, weights, strict=True):
        budget = int(remaining * weight / total_weight)
        exchanges.append(_Exchange(_curly(question), kind, writer.answer(kind, budget)))

    # Nudge into [_SIZE_MIN, _SIZE_MAX]: grow or shrink the longest paragraphs.
    text = _render(head, exchanges)
    for _ in range(200):
        size = _utf8_len(text)
        if _SIZE_MIN <= size <= _SIZE_MAX:
            break
        paragraphs = [b for e in exchanges for b in e.blocks if b.kind == "p"]
        if size < _SIZE_MIN:
            rng.choice(paragraphs).items.append(writer.sentence())
        else:
            longest = max(paragraphs, key=lambda b: len(b.items))
            if len(longest.items) <= 1:
                break
            longest.items.pop()
        text = _render(head, exchanges)
    return subject.id, text


def _toml_string(value: str) -> str:
    # A JSON string literal without ASCII escaping is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def _anthology_toml(ids: Sequence[str], n: int, seed: int) -> str:
    rng = random.Random(seed - 1)
    editor = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
    rights = "© 2013 Éditions fictives. Texte synthétique, reproduction libre."
    description = _curly("Des entrevues inventées pour mesurer la vitesse d'interviewkit.")
    lines = [
        "# Anthologie synthétique générée par benchmarks/synth.py : tout y est inventé.",
        f"# n = {n}, seed = {seed}, generator version = {GENERATOR_VERSION}",
        "",
        f"title = {_toml_string(f'Derrière les comptes, volume synthétique de {n} portraits')}",
        f"subtitle = {_toml_string('Portraits de gestionnaires de communauté')}",
        'language = "fr-CA"',
        f"publisher = {_toml_string(_curly('Éditions de la Corde à linge'))}",
        "date = 2013-06-20",
        f"rights = {_toml_string(rights)}",
        f"description = {_toml_string(description)}",
        'keywords = ["médias sociaux", "gestion de communauté", "Québec"]',
        'handle_platform = "twitter"',
        "",
        "portraits = [",
        *(f'    "{portrait}",' for portrait in ids),
        "]",
        "",
        "[series]",
        f"name = {_toml_string('Les portraits du jeudi')}",
        "number = 1",
        "",
        "[[editors]]",
        f"name = {_toml_string(editor)}",
        f"role = {_toml_string('éditrice')}",
        "",
    ]
    return "\n".join(lines)


def _write_text(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_anthology(n: int, outdir: Path, *, seed: int = 0) -> Path:
    """Write an authoring folder with ``n`` synthetic portraits into ``outdir`` and return it.

    ``outdir`` must be absent or empty.  The same ``(n, seed)`` always gives byte-identical files.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    outdir = Path(outdir)
    if outdir.exists() and any(outdir.iterdir()):
        raise FileExistsError(f"{outdir} is not empty")
    portraits_dir = outdir / "portraits"
    portraits_dir.mkdir(parents=True, exist_ok=True)
    ids = []
    for index in range(1, n + 1):
        pid, text = _portrait_text(index, n, seed)
        _write_text(portraits_dir / f"{pid}.md", text)
        ids.append(pid)
    _write_text(outdir / "anthology.toml", _anthology_toml(ids, n, seed))
    return outdir


def ensure_anthology(n: int, root: Path = Path("bench-out"), *, seed: int = 0) -> Path:
    """The cached folder of ``n`` portraits under ``root``, generated only when missing.

    The folder is written in a temporary directory next to its final place and renamed at the
    end, so an interrupted run never leaves a half-written anthology behind.
    """
    root = Path(root)
    target = root / f"synth-v{GENERATOR_VERSION}-n{n:04d}-s{seed}"
    if target.is_dir():
        return target
    root.mkdir(parents=True, exist_ok=True)
    ignore = root / ".gitignore"
    if not ignore.exists():
        _write_text(ignore, "# generated by benchmarks/synth.py\n*\n")
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=root))
    try:
        write_anthology(n, tmp / "anthology", seed=seed)
        try:
            os.replace(tmp / "anthology", target)
        except OSError:
            if not target.is_dir():  # not a concurrent run that finished first
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/synth.py",
        description="Write a synthetic anthology authoring folder of N portraits.",
    )
    parser.add_argument("n", type=int, help="number of portraits")
    parser.add_argument("outdir", type=Path, help="folder to create (must be absent or empty)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        folder = write_anthology(args.n, args.outdir, seed=args.seed)
    except (FileExistsError, ValueError) as error:
        parser.error(str(error))
    elapsed = time.perf_counter() - start
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"wrote {args.n} portraits ({size / 1e6:.2f} MB) to {folder} in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
