"""The documented mapping from GEMMA to the model: layers, aliases, direction, standards.

Every judgement the GEMMA import makes is a table or a rule in this file, so it
can be read, argued about and changed in one place. Names are GEMMA's own
spelling (the ``naam`` column), after collapsing runs of white space.
"""

from __future__ import annotations

from types import MappingProxyType

GROUP_LAYERS = MappingProxyType(
    {
        "Buitengemeentelijke voorzieningen": "infrastructuur",
        "Buitengemeentelijke voorzieningen overig": "infrastructuur",
        "Overig": "infrastructuur",
        "Referentiecomponenten intermediair": "infrastructuur",
        "Referentiecomponenten informatiebeveiliging": "infrastructuur",
        "Referentiecomponenten applicatieontwikkeling": "infrastructuur",
        "Logging en verwerkingen": "infrastructuur",
        "Aangepast)": "infrastructuur",
        "Referentiecomponenten generiek": "transactieplatforms",
        "Referentiecomponenten domeinen": "diensten",
        "Omgevingswet": "diensten",
    }
)
"""GEMMA group (``groep``) -> layer: the default layer of a component.

- National and regional facilities outside the municipality (basisregistraties,
  DigiD, knooppunten), the intermediaries, information security, software
  development and logging are the shared foundation: ``infrastructuur``.
- ``Aangepast)`` is how the export names the group of the BRO-beheercomponent
  (a municipality's source registration for a basisregistratie, like the
  BAG-beheercomponent): ``infrastructuur``.
- The generic components, usable for any product, are ``transactieplatforms``
  ("one time built, for every product"), apart from the registrations, portals
  and the website (see :data:`LAYER_OVERRIDES`).
- The domain components and the Omgevingswet components support specific
  municipal products and processes: ``diensten``. The six layers have no band for
  internal business operations (finance, HR, purchasing); they stay in
  ``diensten``, the processes of the municipality.
"""

FALLBACK_LAYER = "diensten"
"""The layer of a component whose group is not in :data:`GROUP_LAYERS` (reported)."""

LAYER_OVERRIDES = MappingProxyType(
    {
        # Channels: how residents and businesses reach the municipality.
        "Callcentercomponent": "kanalen",
        "Narrowcasting component": "kanalen",
        "Zoekmachinecomponent": "kanalen",
        # Portals: where people find information or see their own affairs.
        "Antwoord voor Bedrijven (en berichtenbox)": "portalen",
        "Ondernemersplein.nl": "portalen",
        "Regelhulp.nl": "portalen",
        "Risicokaart.nl": "portalen",
        "Softwarecatalogus.nl": "portalen",
        "Waarstaatjegemeente.nl": "portalen",
        "gemmaonline.nl": "portalen",
        "OLO - OmgevingsLoket Online": "portalen",
        "PLOOI": "portalen",
        "Werkgeversinstrumentgids": "portalen",
        "Werkzoekendeninstrumentgids": "portalen",
        "Mijn PGB portaal": "portalen",
        "zoek.openraadsinformatie.nl": "portalen",
        "Archiefportaalcomponent": "portalen",
        "Cocreatiecomponent": "portalen",
        "Omgevingsdocumentviewercomponent": "portalen",
        "Zelfdiagnosecomponent": "portalen",
        "Buurtmarktplaatscomponent": "portalen",
        "WOZ-voormeldingcomponent": "portalen",
        # Personal support: the people who help, and what they work with.
        "Baliecomponent": "ondersteuning",
        "Klantgeleidingcomponent": "ondersteuning",
        "Kennisbeheercomponent": "ondersteuning",
        # Foundation: registrations, data, internal IT.
        "Archiefregistratiecomponent": "infrastructuur",
        "Bedrijven- en instellingen-registratiecomponent": "infrastructuur",
        "Medewerker-registratiecomponent": "infrastructuur",
        "Terugmeldingen-registratiecomponent": "infrastructuur",
        "Serviceregistercomponent": "infrastructuur",
        "Gebruikersbeheercomponent": "infrastructuur",
        "Gegevensmagazijncomponent": "infrastructuur",
        "Data-warehousecomponent": "infrastructuur",
        "BI-component": "infrastructuur",
        "AI-component": "infrastructuur",
        "BAG-beheercomponent": "infrastructuur",
        "BGT-beheercomponent": "infrastructuur",
        "WOZ-beheercomponent": "infrastructuur",
        "Data-laad-en-transformatiecomponent": "infrastructuur",
        "Modelbeheercomponent": "infrastructuur",
        "Architectuur- en ontwerpcomponent": "infrastructuur",
        "IT-objectencomponent": "infrastructuur",
        "Kantoorautomatiseringcomponent": "infrastructuur",
        "Intranetcomponent": "infrastructuur",
        "Helpdeskcomponent": "infrastructuur",
        "Beveiliging- en privacycomponent": "infrastructuur",
    }
)
"""GEMMA name -> layer, where the group's default layer does not fit the component.

A component's layer is this override, else its group's layer, else
:data:`FALLBACK_LAYER`. Components matched to an existing module keep that
module's layer; they are not listed here.
"""

ALIASES = MappingProxyType(
    {
        # Open Zaak implements the Zaken, Documenten and Catalogi APIs: GEMMA's
        # zaakregistratie-, documentregistratie- and zaaktypecataloguscomponent.
        "Zaakregistratiecomponent": "open-zaak",
        "Documentregistratiecomponent": "open-zaak",
        "Zaaktypecataloguscomponent": "open-zaak",
        "Notificatierouteringcomponent": "open-notificaties",
        # GEMMA: "gegevens van klanten, alsmede de contactmomenten": Open Klant.
        "Relatiebeheercomponent (CRM)": "open-klant",
        "Generiek zaakafhandelcomponent": "gzac",
        "E-formulieren publicatie-en-beheercomponent": "open-formulieren",
        "Mijngemeentecomponent": "mijn-omgeving",
        "Ketenpartner-portaalcomponent": "ketenpartnerportaal",
        "Open-data-portaalcomponent": "open-dataportaal",
        "Producten-en-dienstencataloguscomponent": "producten-en-dienstencatalogus",
        "Onlinebetalingcomponent": "online-betalen",
        "Afsprakenbeheercomponent": "afspraken-maken",
        "Digitale-handtekeningcomponent": "digitale-handtekening",
        "Documentcreatiecomponent": "documenten-maken",
        "Webcontentpublicatie- en beheercomponent": "gemeentelijke-website",
        "Klantfeedbackcomponent": "klantfeedback",
        "Klanttevredenheidcomponent": "klantfeedback",
        "Mediamonitor- en webcarecomponent": "sociale-media-webcare",
        "Sociale mediacomponent": "sociale-media-webcare",
        "Meldingen openbare ruimtecomponent": "signalen",
        "Klachten- en meldingencomponent": "klachten",
        "Bezwaar- en beroepcomponent": "bezwaar-maken",
        "Belastingencomponent": "gemeentelijke-belastingen",
        "Budgetadvies- en schuldhulpverleningcomponent": "schuldhulpverlening",
        "Subsidiecomponent": "subsidies-aanvragen",
        # The shipped module is the VTH of the physical environment (its summary).
        "Vergunning- Toezicht- en Handhavingcomponent fysieke leefomgeving": (
            "vergunningen-toezicht-handhaving"
        ),
        "Wmo-component": "wmo-aanvragen",
        # National facilities the shipped model has under its own name.
        "DigiD": "digid",
        "E-herkenning voor bedrijven": "eherkenning",
        "Certificering/PKI-overheid": "pki-overheid",
        "MijnOverheid.nl": "mijnoverheid",
        "Overheid.nl": "overheid-nl",
        "PDOK - Publieke Dienstverlening op de Kaart": "pdok",
        "NHR - Handelsregister": "kvk-handelsregister",
        "Nationaal Parkeer Register": "nationaal-parkeerregister",
        # The shipped modules are the query services of these registrations: how a
        # municipality uses the LV BAG and the BRP (GBA-V) today.
        "LV-BAG - Basisregistratie Adressen en Gebouwen": "bag-bevragen",
        "GBA-V (Verstrekkingsvoorziening)": "brp-bevragen",
    }
)
"""GEMMA name -> id of the existing module that is that component.

Only where the shipped module really is the component (its name or summary says
so), never for a near miss: the Baliecomponent (software for the front desk) is
not the module "Balie met persoonlijke hulp" (the people), the Callcentercomponent
(call distribution) not the "Telefonisch klantcontactcentrum", the general
Vergunning- Toezicht- Handhavingcomponent (also APV and events) not the shipped
VTH module of the physical environment. An alias whose module is not in the
model is ignored: the component then becomes a module of its own. A component
whose slug equals an existing module id is that module too.
"""

SKIP_GROUPS = MappingProxyType(
    {
        "BBN legenda": "a legend element of a GEMMA view, not a component",
        "Referentiecomponenten verzamel": (
            "a placeholder for software that fits no reference component, not a component"
        ),
        "Referentiecomponenten te verwijderen": "GEMMA is removing it",
    }
)
"""GEMMA group -> why its components are not imported."""

SKIP_STATUSES = MappingProxyType(
    {"Einde ondersteuning": "GEMMA has ended support for it"}
)
"""GEMMA status (``gemma_status``) -> why components and standards with it are not imported."""

NATIONAL_FACILITY = "Buitengemeentelijke voorziening"
"""The GEMMA type of facilities outside the municipality (national or regional)."""

PROVIDER_GROUPS = MappingProxyType(
    {"Logging en verwerkingen": 0, "Referentiecomponenten intermediair": 2}
)
"""GEMMA group -> provider tier (see :data:`FLOW_DIRECTION`)."""

REGISTRATION_SUFFIXES = ("registratiecomponent", "cataloguscomponent", "registercomponent")
"""Name endings of registrations, provider tier 1 (see :data:`FLOW_DIRECTION`)."""

REGISTRATIONS = frozenset({"Gegevensmagazijncomponent", "Basisregistratie"})
"""Registrations whose name has no registration ending: provider tier 1 as well."""

FLOW_DIRECTION = """\
A GEMMA flow A -> B carries information from A to B; a dependency points from the
module that uses a service to the module that provides it. Which of the two
provides is decided by provider tiers:

  tier 0  national and regional facilities (GEMMA type Buitengemeentelijke
          voorziening) and the Verwerkingenloggingcomponent (group Logging en
          verwerkingen): everything writes into or reads from them;
  tier 1  registrations: names ending in registratiecomponent,
          cataloguscomponent or registercomponent, the Gegevensmagazijncomponent;
  tier 2  intermediaries (group Referentiecomponenten intermediair): the
          servicebus, notification routing and data distribution;
  tier 3  everything else.

1. If A and B are in different tiers, the one in the lower tier is the provider
   and the other depends on it, whatever the flow's direction (a zaakafhandel-
   component that sends a case to the Zaakregistratiecomponent uses the
   registration; so does a portal that reads from it).
2. Otherwise the receiver depends on the sender: B depends on A, because B
   needs what A delivers.

Elements that are not reference components (GEMMA's generic roles, such as the
Specifiek zaakafhandelcomponent, and actors such as Browser):

3. A specialisation inherits what its generic role depends on: when the role
   depends on X, every reference component that specialises it (transitively)
   depends on X. A dependency ON a generic role is dropped: any implementation
   would do, so naming one would be invented.
4. Aggregation and a specialisation between two reference components are
   classifications, not dependencies; a flow from a component to itself is
   dropped.
"""
"""How a GEMMA flow becomes a dependency: the rule the import applies."""

INTERFACE_PROVIDERS = MappingProxyType(
    {
        "Zaak- en documentservices": "Zaakregistratiecomponent",
        "StUF ZKN": "Zaakregistratiecomponent",
        "Zaken API-standaard": "Zaakregistratiecomponent",
        "Besluiten API-standaard": "Zaakregistratiecomponent",
        "Autorisaties API-standaard": "Zaakregistratiecomponent",
        "Documenten API-standaard": "Documentregistratiecomponent",
        "Catalogi API-standaard": "Zaaktypecataloguscomponent",
        "StUF ZTC": "Zaaktypecataloguscomponent",
        "Notificaties API-standaard (ontvangen)": "Notificatierouteringcomponent",
        "Notificaties API-standaard (aanbieden, routeren, abonneren)": (
            "Notificatierouteringcomponent"
        ),
        "Documentcreatieservices": "Documentcreatiecomponent",
        "Prefill eFormulieren services": "Gegevensmagazijncomponent",
        "RSGB bevragingen": "Gegevensmagazijncomponent",
        "Betalen en invorderen services": "Inningencomponent",
        "Verwerkingenlogging API-standaard": "Verwerkingenloggingcomponent",
        "DigiD SAML koppelvlak": "DigiD",
        "Afsprakenstelsel eHerkenning - Koppelvlak DV-HM": "E-herkenning voor bedrijven",
        "MijnOverheid Berichtenbox koppelvlak": "MijnOverheid.nl",
        "MijnOverheid Lopende zaken koppelvlak": "MijnOverheid.nl",
        "MijnOverheid WOZ-inzage koppelvlak": "MijnOverheid.nl",
        "Digimelding": "Digimelding",
        "Digilevering koppelvlak": "Digilevering",
        "BAG Bevragen": "LV-BAG - Basisregistratie Adressen en Gebouwen",
        "BAG Extract": "LV-BAG - Basisregistratie Adressen en Gebouwen",
        "BAG Compact": "LV-BAG - Basisregistratie Adressen en Gebouwen",
        "BAG LV koppelvlak": "LV-BAG - Basisregistratie Adressen en Gebouwen",
        "GBA koppelvlak": "GBA-V (Verstrekkingsvoorziening)",
        "PIVA-V koppelvlak": "PIVA - Persoonsinformatie-voorziening Nederlandse Antillen en Aruba",
        "RNI koppelvlak bijhouding": "RNI - Registratie Niet Ingezetenen",
        "StUF HR": "NHR - Handelsregister",
        "StUF WOZ LV koppelvlak": "LV-WOZ - Basisregistratie Waardering Onroerende Zaken",
        "BRK Levering": "BRK - Basisregistratie Kadaster",
        "StUF Kadastrale mutatieservices": "BRK - Basisregistratie Kadaster",
        "BRV Abonnementen": "BRV - Basisregistratie Voertuigen",
        "BRV Interactieve/online gegevensdiensten": "BRV - Basisregistratie Voertuigen",
        "AIG service": "BRI - Basisregistratie Inkomen",
        "AIG levering": "BRI - Basisregistratie Inkomen",
        "PDOK services": "PDOK - Publieke Dienstverlening op de Kaart",
        "Samenwerkende Catalogi": "Samenwerkende Catalogi verwijsregister",
        "BMKL (Berichten Model Kabels en Leidingen)": "KLIC service - Kabels en Leidingen",
        "iWmo voor gemeenten": "GGK - Gemeentelijk Gegevensknooppunt",
        "iJw voor gemeenten": "GGK - Gemeentelijk Gegevensknooppunt",
        "iPgb voor gemeenten": "GGK - Gemeentelijk Gegevensknooppunt",
        "iEb voor gemeenten": "GGK - Gemeentelijk Gegevensknooppunt",
        "SuwiML berichtstandaard": "DKD - Digitaal Klant Dossier (Suwinet)",
        "SuwiML transactiestandaard": "DKD - Digitaal Klant Dossier (Suwinet)",
    }
)
"""GEMMA interface standard -> the GEMMA component that offers it.

A component that realises one of these standards talks to the component that
offers it (the standard is that component's interface: its koppelvlak, API or
delivery product), so it depends on it. Only interface standards are listed:
information models (RSGB, RGBZ), file formats (PDF/A) and general agreements
(Digitoegankelijk) say nothing about whom a component talks to. StUF BG has
no single provider (it carries basic data both ways, from the sources and to the
users) and is not listed; the services that only open up basic data (Prefill
eFormulieren services, RSGB bevragingen) are the Gegevensmagazijncomponent's.
"""

STANDARD_ALIASES = MappingProxyType(
    {
        "Digitoegankelijk": "wcag",
        "Zaken API-standaard": "zgw-apis",
        "Documenten API-standaard": "zgw-apis",
        "Catalogi API-standaard": "zgw-apis",
        "Besluiten API-standaard": "zgw-apis",
        "Autorisaties API-standaard": "zgw-apis",
        "Notificaties API-standaard (ontvangen)": "notificaties-api",
        "Notificaties API-standaard (aanbieden, routeren, abonneren)": "notificaties-api",
        "Digikoppeling ebMS": "digikoppeling",
        "Digikoppeling WUS": "digikoppeling",
        "Digikoppeling Grote Berichten": "digikoppeling",
        "SAML": "saml-2",
        "Samenwerkende Catalogi": "samenwerkende-catalogi",
        "BAG Bevragen": "bag-bevragen",
        "BAG bevragen API-standaard": "bag-bevragen",
        "BAG Individuele Bevragingen API-standaard": "bag-bevragen",
        "BRP Personen bevragen API-standaard": "haal-centraal",
    }
)
"""GEMMA standard -> id of the existing standard in landscape.yaml that it is (or is part of).

The StUF family goes to ``stuf`` by rule (see :data:`STUF_STANDARD`). Any other
GEMMA standard becomes a standard of its own, its id a slug of its name; a slug
that equals an existing standard id is that standard.
"""

STUF_STANDARD = "stuf"
"""The existing standard of the StUF family: every GEMMA standard whose name starts
with "StUF", or whose GEMMA description says it is based on StUF (Zaak- en
documentservices, Documentcreatieservices, Betalen en invorderen services, ...)
maps to it. The exact GEMMA standards stay named in the module's description."""

STEWARDS = MappingProxyType(
    {
        "Logius": "logius",
        "Kadaster": "kadaster",
        "VNG Realisatie": "vng-realisatie",
        "VNG": "vng",
        "RvIG": "rvig",
        "OASIS": "oasis",
        "W3C": "w3c",
        "Kamer van Koophandel": "kvk",
        "KvK": "kvk",
        "RDW": "rdw",
        "KOOP": "koop",
        "Werkmaatschappij-KOOP": "koop",
        "ICTU": "ictu",
    }
)
"""GEMMA steward (``beheerder``) -> organisation id, used when the model has that
organisation; otherwise the standard's description names the steward."""

GEMMA_URL = "https://www.gemmaonline.nl/"
"""Where readers find the GEMMA reference architecture (VNG)."""
