"""The content of the demo workshop: the reference workshop of 4 April 2013, retold."""

DETAILS = {
    "theme": "Atelier Coopération Inter-entreprise",
    "date": "2013-04-04",
    "place": "ES Energie",
    "organisations": ["ATE Conseil", "C-L'Org", "Latitude", "Pierre Garnier Toiture",
                      "Via Storia"],
    "animators": ["Claire", "Alexia"],
    "members": ["Christine"],
    "rapporteurs": ["Alexia", "Claire"],
    "language": "fr",
}

# name, organisation, role
PEOPLE = [
    ("Claire", "IA", "animator"), ("Alexia", "IA", "rapporteur"), ("Christine", "IA", "animator"),
    ("Philippe Schoen", "ATE Conseil", "host"), ("Sophie", "Latitude", "host"),
    ("Julie", "Via Storia", "host"), ("Marc", "C-L'Org", "participant"),
    ("Pierre", "Pierre Garnier Toiture", "participant"), ("Thomas", "ATE Conseil", "participant"),
    ("Nadia", "C-L'Org", "participant"), ("Laurent", "Latitude", "participant"),
    ("Émilie", "Via Storia", "participant"), ("Hugo", "Pierre Garnier Toiture", "participant"),
]

# The three topics chosen, with their host; then two that were proposed but not kept.
TOPICS = [
    ("La coopération inter-entreprise pour les entreprises de services", "Philippe Schoen", 9),
    ("A partir des complémentarités des compétences entre 2 entreprises (synergie), créer de "
     "nouvelles opportunités de valeur ajoutée du développement business", "Sophie", 8),
    ("Mutualisation des compétences avec une culture partagée", "Julie", 7),
    ("Coopérer avec ses concurrents ?", None, 4),
    ("Le numérique au service de la coopération", None, 2),
]

# Per table: its sub-questions, then its notes as (question number or None, text, dots).
BOARDS = [
    {
        "questions": ["Comment se fait cette coopération ?"],
        "notes": [
            (None, "Un leader est nécessaire pour organiser la coopération", 6),
            (None, "Le leader doit avoir du poids et du pouvoir, sinon rien ne se fait", 2),
            (None, "Le client peut être ce leader, comme dans le cas de « Mars »", 1),
            (None, "Entre concurrents, la coopération est difficile et prend du temps", 2),
            (None, "Des partenaires diversifiés, qui ne proposent pas les mêmes services", 5),
            (0, "Partager les bonnes pratiques sur quelque chose de précis", 3),
            (0, "Un forum ouvert pour faire émerger des idées nouvelles", 4),
            (0, "Pas sur le cœur de métier : plutôt sur une fonction périphérique", 1),
        ],
    },
    {
        "questions": ["Comment passer de la relation forcée (sous-traitants) à une relation "
                      "de coopération ?"],
        "notes": [
            (0, "D'abord un recouvrement des métiers, un terrain commun", 3),
            (0, "Partager des valeurs et un savoir-être : apprendre à se connaître", 4),
            (0, "La confiance et la transparence", 6),
            (0, "Échanger sur les savoir-faire, voire confier les secrets de fabrication", 1),
            (0, "Un partage gratuit et réciproque", 2),
            (None, "Sortir des idées préconçues", 2),
            (None, "Définir une orientation client et un référentiel commun", 1),
            (None, "1 + 1 = 3", 3),
            (None, "L'esprit de service entre les partenaires", 1),
            (None, "Chacun se concentre sur son domaine d'excellence", 1),
            (None, "Passer du bilatéral au multilatéral", 2),
        ],
    },
    {
        "questions": ["Que peut-on mutualiser ? Peut-on mutualiser sur le cœur de métier ?",
                      "Est-ce qu'il y a un paradoxe ou une limite entre culture commune et "
                      "identité propre ?",
                      "Est-ce que la collaboration peut être une alternative à la concurrence ?"],
        "notes": [
            (0, "Mutualiser seulement dans la confiance, avec des valeurs partagées", 5),
            (0, "Garder son identité : ni fusion ni absorption", 3),
            (0, "La diversité est importante", 2),
            (1, "Des circuits courts avec des entreprises d'autres régions", 2),
            (1, "La coopération comme forme de résistance aux grosses structures", 1),
            (1, "Résister et rester en compétition : il faut le gérer", 1),
            (2, "1re règle : mettre en place une relation, créer le lien", 4),
            (2, "2e règle : définir des objectifs communs", 3),
            (2, "3e règle : la transparence sur les règles de fonctionnement", 3),
            (None, "Réseau de compétences complémentaires avec une culture partagée", 0),
            (None, "Créer un écosystème avec ses partenaires : robustesse face aux risques et "
                   "aux crises", 0),
            (None, "Échanges de bonnes pratiques", 0),
        ],
    },
]

# Between two rounds, travellers carry a note of the table they leave to their next table:
# per round that ended, per table (in BOARDS' order), the texts carried and the dots each
# copy got at its new table. CARRIED_ON: per round that ended, the dots of each note that
# had come in after the round before and that a traveller takes on further.
CARRIED = {
    1: [[("Un forum ouvert pour faire émerger des idées nouvelles", 2)],
        [("D'abord un recouvrement des métiers, un terrain commun", 0)],
        [("Mutualiser seulement dans la confiance, avec des valeurs partagées", 1)]],
    2: [[("Des partenaires diversifiés, qui ne proposent pas les mêmes services", 1)],
        [("Passer du bilatéral au multilatéral", 0)],
        [("Garder son identité : ni fusion ni absorption", 0)]],
}
CARRIED_ON = {2: [0]}

# Notes whose dots all came from one organisation: its people put theirs together on it
# (Philippe Schoen had made the point, and his colleague followed him).
BACKED_BY_ONE = {"Un leader est nécessaire pour organiser la coopération": "ATE Conseil"}

# Per table: the answers to its sub-questions, its summary, its ideas not developed.
SYNTHESIS = [
    {
        "answers": [
            "Par le partage des bonnes pratiques sur quelque chose de précis ou par une "
            "coopération plus ouverte avec un format participatif : par exemple un forum ouvert "
            "pour faire émerger des idées nouvelles. L'objet de la coopération ne peut être le "
            "cœur de métier mais plutôt une fonction périphérique.",
        ],
        "summary": "Pour résumer, la coopération peut se faire si :\n1. Il y a un leader "
                   "efficace\n2. Il y a des participants divers\n3. Il y a un axe thématique : "
                   "partage de bonnes pratiques par un forum ouvert",
        "undeveloped": [],
    },
    {
        "answers": [
            "Pour créer cette synergie, il faut d'abord un recouvrement des métiers, un terrain "
            "commun. Ensuite il est nécessaire de partager des valeurs et un savoir-être donc "
            "apprendre à se connaître. Enfin cette synergie ne peut se faire que dans la "
            "confiance et la transparence. Ce partage doit être à la fois gratuit et réciproque."
            "\nL'effet d'une telle synergie est d'obtenir du « 1+1 = 3 ».",
        ],
        "summary": "Une relation de coopération se construit autour d'une image partagée, "
                   "d'une émulation réciproque pour aller dans le sens de l'intérêt collectif. "
                   "Chacun doit se concentrer sur son domaine d'excellence : on doit passer du "
                   "bilatéral au multilatéral.",
        "undeveloped": [],
    },
    {
        "answers": [
            "La mutualisation n'est possible que dans la confiance avec des valeurs partagées et "
            "une culture commune. D'un autre côté, chacun doit garder son identité : la "
            "coopération ne doit pas devenir une fusion. La diversité est importante.",
            "Les circuits courts en collaboration avec des entreprises d'autres régions "
            "permettraient de diminuer la sensibilité des sujets. La coopération est finalement "
            "une forme de résistance, en contradiction avec l'idée de rentrer en compétition : "
            "il faut gérer cela.",
            "La coopération est possible quand les règles du jeu sont bien établies :\n"
            "- 1ère règle : mise en place d'une relation, créer le lien\n"
            "- 2e règle : définition d'objectifs communs\n"
            "- 3e règle : transparence sur les règles de fonctionnement",
        ],
        "summary": "",
        "undeveloped": ["Réseau de compétences complémentaires avec une culture partagée",
                        "Créer un écosystème avec ses partenaires / environnement : "
                        "interdépendances, robustesse du système face aux risques et aux crises",
                        "Échanges de bonnes pratiques", "Coopération par l'échange",
                        "Mutualisation des compétences"],
    },
]

STEPS = [
    ("Préparer les bases d'une charte commune pour les entreprises du réseau. Mettre en avant "
     "les principes fondateurs.", "Claire et Alexia", "", "kept"),
    ("Organiser un deuxième atelier à l'automne", "", "", "proposed"),
]
