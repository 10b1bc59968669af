"""Who is cited, and how: the sourcing stage, from sentences to the `attributions` and `hedges`
tables.

    features  a paragraph as tokens, and the CRF's features for each token
    model     the CRF tagger (SOURCE / CUE / CONTENT), its training labels and the bundled model
    rules     tagging by reporting verbs without a model, and source phrases the model left out
    assemble  tagged spans into attributions (content -> cue -> source)
    citations which attributions cite words or documents; split quotes, continuations, joint statements
    names     how names are written: first names (and the gender they suggest), initials, particles
    people    the people an article names: titles, offices, gender evidence
    speakers  one mention's name, type, cue class, category and quote kind
    descriptions  a source that names nobody the article introduced: a group, a body, an unnamed person
    entities  mentions of one source in an article become one entity with its attributes
    extract   the stage itself: `extract_attributions`
    hedges    "reportedly", "it's not clear": `find_hedges`
    lexicon   the general news vocabulary the rules use
"""

from .extract import extract_attributions, extract_attributions_with_rules
from .hedges import find_hedges
from .model import load_model, train_model
from .speakers import content_kind, cue_class, source_type

__all__ = [
    "extract_attributions", "extract_attributions_with_rules", "find_hedges", "train_model",
    "load_model", "content_kind", "cue_class", "source_type",
]
