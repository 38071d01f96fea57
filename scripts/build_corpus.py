"""Build `corpus/` from `../shared/corpus-sources/` (a developer tool, never run at run time).

What it does: for each source text, copies the body verbatim into `corpus/<doc_id>.<ext>`
and writes a metadata sidecar `corpus/<doc_id>.meta.yaml` holding the document's id,
title, kind, date, validity, source URL, completeness, licence note and the source file's
own provenance header (the leading HTML comment), verbatim.

What it does not do: rewrite, translate or summarise any text. The only cuts are the
provenance header (moved to the sidecar), the DINUM pages file split into its three
pages, and the seed page cut to its tribune (down to the footnote markers), as the
sources' README prescribes.

Usage: python scripts/build_corpus.py [SOURCES_DIR] [CORPUS_DIR]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HEADER = re.compile(r"\A\s*<!--(.*?)-->\s*", re.S)

# (source file, doc_id, title, kind, date, extra metadata)
DOCS = [
    ("dsih-tribune-2021-09-28-seed.txt", "dsih-tribune-2021-09-28",
     "Hébergement des données de santé : plus que 3 hébergeurs dans la course ? (DSIH, tribune de Charles Blanc-Rolin)",
     "press_article", "2021-09-28",
     dict(url="https://dsih.fr/articles/4378/hebergement-des-donnees-de-sante-plus-que-3-hebergeurs-dans-la-course",
          completeness="full",
          version="page as given, tribune part only (down to the footnote markers [1]-[3])",
          licence="Press article, copyright of its author and DSIH. Kept for short quotation with attribution; not for redistribution.",
          provenance="Seed article of the project (shared/corpus-sources/dsih-tribune-2021-09-28-seed.txt). Only the tribune part is the article; the rest of the page (unrelated site content) is cut, as the sources' README says.")),
    ("cloud-au-centre-2021-regles-R1-R15-dinum.md", "doctrine-cloud-au-centre-2021",
     "Doctrine « Cloud au centre » : les règles R1 à R15 (annexe de la circulaire n° 6282-SG, publiées par la DINUM)",
     "doctrine", "2021-07-19",
     dict(url="https://www.numerique.gouv.fr/services/cloud/regles-doctrine/", completeness="full",
          valid_from="2021-07-10",
          version="DINUM web rendering of the 15 rules, page dated 2021-07-19; rules in force from 2021-07-10 (circulaire 6282-SG); partly updated by circulaire 6404/SG of 2023-05-31 (text not in the corpus)",
          licence="French State website content; Licence Ouverte / Etalab 2.0 is the usual regime (assumed, not verified).")),
    ("circulaire-6282-SG-2021-07-05-PARTIEL.md", "circulaire-6282-sg-2021",
     "Circulaire n° 6282-SG du 5 juillet 2021 relative à la doctrine d'utilisation de l'informatique en nuage par l'État (début de la lettre)",
     "circular", "2021-07-05",
     dict(url="https://www.legifrance.gouv.fr/circulaire/id/45205", completeness="partial",
          valid_from="2021-07-10", version="signed 2021-07-05, published 2021-07-09, in force 2021-07-10; only the opening of the Prime Minister's letter",
          licence="Official act of the French Government; Légifrance data reusable under Licence Ouverte / Etalab 2.0 (see licences.md).")),
    ("dinum-note-2021-09-15-office365-NON-TROUVEE.md", "dinum-note-2021-09-15",
     "Note DINUM du 15 septembre 2021 sur Office 365 (faits et passages cités par la presse)",
     "note", "2021-09-15",
     dict(url=None, completeness="extracts",
          version="the note itself was not found: dated facts and passages quoted identically by several press articles, labelled as such",
          licence="Internal administrative note, reuse status unknown; only short press quotations kept.")),
    ("csp-L1111-8-R1111-8-8-a-R1111-11-PARTIEL.md", "csp-l1111-8",
     "Code de la santé publique, articles L.1111-8 (version 2018-04-01 → 2024-05-23), R.1111-8-8 et R.1111-11 (fragments)",
     "law", "2018-04-01",
     dict(url="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033862549", completeness="partial",
          valid_from="2018-04-01", valid_to="2024-05-23",
          version="L1111-8 version LEGIARTI000033862549 (2018-04-01 → 2024-05-23); current version (since 2024-05-23) not found",
          licence="Official legislative text, outside copyright; Légifrance data under Licence Ouverte / Etalab 2.0 (see licences.md).")),
    ("secnumcloud-v3.2-referentiel.md", "secnumcloud-v3.2",
     "ANSSI — Prestataires de services d'informatique en nuage (SecNumCloud), référentiel d'exigences v3.2",
     "referentiel", "2022-03-08",
     dict(url="https://cyber.gouv.fr/secnumcloud", completeness="full", valid_from="2022-03-08",
          version="v3.2 du 8 mars 2022 (structured transcription; tables and figures not reproduced)",
          licence="ANSSI publication; Licence Ouverte / Etalab 2.0 assumed, not verified.")),
    ("secnumcloud-v3.2-annexe2-recommandations-commanditaires.md", "secnumcloud-v3.2-annexe2",
     "ANSSI — SecNumCloud v3.2, annexe 2 : recommandations aux commanditaires",
     "referentiel", "2022-03-08",
     dict(url="https://cyber.gouv.fr/secnumcloud", completeness="full", valid_from="2022-03-08",
          version="v3.2 du 8 mars 2022, annexe 2",
          licence="ANSSI publication; Licence Ouverte / Etalab 2.0 assumed, not verified.")),
    ("hds-referentiel-v2-2024-exigences.md", "hds-referentiel-v2",
     "Référentiel de certification Hébergeur de données de santé (HDS) v2 — exigences EXI 01 à 31",
     "referentiel", "2024-04-26",
     dict(url="https://esante.gouv.fr/produits-services/hds", completeness="partial", valid_from="2024-04-26",
          version="v2.0 approved by arrêté du 26 avril 2024 (JO 16 mai 2024); requirements only",
          licence="Official référentiel approved by arrêté; French official texts reusable (see licences.md).")),
    ("gdpr-en-art4-9-28-44-49-extraits.md", "gdpr-extracts",
     "Regulation (EU) 2016/679 (GDPR) — recitals and articles 4, 9, 28, 44–49 (English)",
     "law", "2016-04-27",
     dict(url="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32016R0679", completeness="extracts",
          valid_from="2018-05-25", version="original 2016 text, English, selected articles and recitals",
          licence="© European Union, reuse authorised (Commission Decision 2011/833/EU); only the OJ version is authentic.")),
    ("hdh-microsoft-cnil-conseil-etat-PARTIEL.md", "hdh-conseil-etat-cnil",
     "Health Data Hub et Microsoft : ordonnances du Conseil d'État (2020, 2024) et CNIL (ouvertures et faits datés)",
     "decision", "2020-10-13",
     dict(url="https://www.conseil-etat.fr/fr/arianeweb/CE/decision/2020-10-13/444937", completeness="partial",
          version="decision openings (CE 444937 of 2020-10-13, CE 492369 of 2024-03-22) and dated facts from secondary sources",
          licence="Court decisions are official acts; Conseil d'État open data under Licence Ouverte / Etalab 2.0 (not verified).")),
    ("providers.md", "providers-registry-notes",
     "Fournisseurs cloud : SecNumCloud, HDS, exposition au droit américain (faits sourcés, compilation du projet)",
     "facts", "2026-01-07",
     dict(url=None, completeness="facts",
          version="compilation of dated facts from press, vendor and secondary sources; latest source early January 2026",
          licence="Project compilation; quoted facts belong to the sources named in each row.")),
    ("facts-timeline.md", "facts-timeline",
     "Chronologie des faits datés 2016–2026 (compilation du projet, avec sources)",
     "facts", "2026-01-07",
     dict(url=None, completeness="facts",
          version="compilation of dated facts 2016–2026 with their sources ([P] primary, [S] secondary, [?] unverified)",
          licence="Project compilation; quoted facts belong to the sources named in each row.")),
]

DINUM_PAGES = [
    ("# A. ", "dinum-doctrine-page-2021", "Cloud au centre : la doctrine de l'État (page DINUM)", "doctrine", "2021-07-08",
     "https://www.numerique.gouv.fr/services/cloud/doctrine/"),
    ("# B. ", "dinum-faq-2024", "FAQ de la doctrine « Cloud au centre » (DINUM, version du 23 février 2024)", "faq", "2024-02-23",
     "https://www.numerique.gouv.fr/services/cloud/faq/"),
    ("# C. ", "dinum-cloud-commercial-2021", "Le Cloud commercial (page DINUM)", "doctrine", "2021-07-08",
     "https://www.numerique.gouv.fr/services/cloud/cloud-commercial/"),
]
DINUM_LICENCE = "French State website content; Licence Ouverte / Etalab 2.0 is the usual regime (assumed, not verified)."


def split_header(raw: str) -> tuple[str, str]:
    """Return (provenance header text, body) of a source file."""
    m = HEADER.match(raw)
    if not m:
        return "", raw
    return m.group(1).strip(), raw[m.end():]


def write(corpus: Path, doc_id: str, ext: str, body: str, meta: dict) -> None:
    (corpus / f"{doc_id}{ext}").write_text(body.rstrip() + "\n", encoding="utf-8")
    meta = {"doc_id": doc_id, **meta}
    with open(corpus / f"{doc_id}.meta.yaml", "w", encoding="utf-8") as f:
        yaml.safe_dump(meta, f, allow_unicode=True, sort_keys=False, width=100)


def main(src: Path, corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for name, doc_id, title, kind, date, extra in DOCS:
        raw = (src / name).read_text(encoding="utf-8")
        header, body = split_header(raw)
        if doc_id == "dsih-tribune-2021-09-28":
            body = body[: body.index("Avez-vous apprécié ce contenu")]
        meta = dict(title=title, kind=kind, date=date, **extra)
        meta.setdefault("provenance", header)
        meta["source_file"] = f"shared/corpus-sources/{name}"
        write(corpus, doc_id, ".md" if name.endswith(".md") else ".txt", body, meta)

    raw = (src / "cloud-au-centre-dinum-pages.md").read_text(encoding="utf-8")
    header, body = split_header(raw)
    starts = [body.index(marker) for marker, *_ in DINUM_PAGES] + [len(body)]
    for i, (_, doc_id, title, kind, date, url) in enumerate(DINUM_PAGES):
        write(corpus, doc_id, ".md", body[starts[i]:starts[i + 1]],
              dict(title=title, kind=kind, date=date, url=url,
                   completeness="partial" if doc_id == "dinum-faq-2024" else "full",
                   version=f"page dated {date}" + (" (FAQ tail, non-regulatory, omitted by the source)" if doc_id == "dinum-faq-2024" else ""),
                   licence=DINUM_LICENCE, provenance=header,
                   source_file="shared/corpus-sources/cloud-au-centre-dinum-pages.md"))
    (corpus / "LICENCES.md").write_text((src / "licences.md").read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[1]
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "shared" / "corpus-sources"
    dst = Path(sys.argv[2]) if len(sys.argv) > 2 else here / "corpus"
    main(src, dst)
