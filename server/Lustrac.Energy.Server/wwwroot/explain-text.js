// Words of the explanation page, French by default and English on the button. The numbers are the server's.
'use strict';

const EXPLAIN_TEXT = {
  fr: {
    csv: 'Télécharger (CSV)', print: 'Imprimer', from: 'Du', to: 'au', show: 'Afficher', back: "Retour à l'écran",
    definition: 'Définition', formula: 'Formule', filled: 'Avec les chiffres de la période', loading: 'Chargement…', failed: 'Échec : ',
    neighbourhood: 'Quartier', household: 'Foyer {h}', tank: 'Cuve {a}', pile: 'Compost {a}', period: '{w} · du {f} au {t}',
    hidden: '{n} foyer(s) sans consentement aux données fines : leur part par intervalle n’est pas affichée (elle compte dans les sommes).',
    rows: '{n} lignes stockées par le moteur ; la dernière ligne donne les sommes.', sum: 'Somme', start: 'Début', quality: 'Qualité',
    titles: {
      self_sufficiency: "Taux d'autoproduction : comment est-il calculé ?", self_consumption: "Taux d'autoconsommation : comment est-il calculé ?",
      allocation: 'Part des panneaux partagés : comment est-elle calculée ?', water_autonomy: 'Autonomie en eau : comment est-elle calculée ?',
      tank_days_left: "Jours d'eau restants : comment sont-ils calculés ?", compost_progress: "Hygiénisation du compost : comment l'avancement est-il calculé ?",
      vital_needs: 'Indice des besoins vitaux : comment est-il calculé ?',
    },
    formulas: {
      self_sufficiency: 'autoproduction = Σ énergie fournie sur place ÷ Σ consommation   (sans batterie : fournie sur place = min(consommation, production) à chaque intervalle)',
      self_consumption: 'autoconsommation = Σ autoconsommé ÷ Σ production,   autoconsommé = min(consommation, production) à chaque intervalle',
      allocation: 'part = Σ part attribuée ÷ Σ production partagée,   part(foyer) = clé(foyer) × production partagée, plafonnée à sa consommation',
      water_autonomy: 'autonomie = Σ pluie ÷ (Σ pluie + Σ réseau)',
      tank_days_left: 'jours restants = volume ÷ (litres puisés sur les dernières 24 h ÷ 1 jour)',
      compost_progress: 'avancement = min(heures chaudes ÷ heures exigées, retournements ÷ retournements exigés)   (1 une fois atteint)',
      vital_needs: 'indice = (énergie + eau + compost) ÷ n,   n = composantes connues ;   chacune = Σ part ÷ Σ total',
    },
    columns: {
      consumption_kwh: 'Consommation (kWh)', production_kwh: 'Production (kWh)', shared_production_kwh: 'Production partagée (kWh)',
      self_consumed_kwh: 'Autoconsommé = min (kWh)', locally_supplied_kwh: 'Fourni sur place (kWh)', import_kwh: 'Acheté au réseau (kWh)',
      export_kwh: 'Injecté (kWh)', allocated_kwh: 'Part attribuée (kWh)', share: 'Part {h} (kWh)', rain_l: 'Pluie (L)', mains_l: 'Réseau (L)',
      volume_l: 'Volume (L)', days_left: 'Jours restants', drawn_l_per_day: 'Puisé (L/jour)', harvested_l: 'Récolté (L)', expected_l: 'Attendu (L)',
      progress: 'Avancement', coolest_c: 'Sonde la plus froide (°C)', turnings: 'Retournements', energy: 'Énergie', water: 'Eau', compost: 'Compost',
      index: 'Indice', energy_local_kwh: 'Fourni sur place (kWh)', energy_consumption_kwh: 'Consommation (kWh)', water_rain_l: 'Pluie (L)',
      water_total_l: 'Eau totale (L)', compost_diverted_kg: 'Détourné (kg)', compost_total_kg: 'Pesé (kg)',
    },
    words: { energy: 'énergie', water: 'eau', compost: 'compost', index: 'indice', days: 'jours', min: 'min' },
  },
  en: {
    csv: 'Download (CSV)', print: 'Print', from: 'From', to: 'to', show: 'Show', back: 'Back to the screen',
    definition: 'Definition', formula: 'Formula', filled: "With this period's numbers", loading: 'Loading…', failed: 'Failed: ',
    neighbourhood: 'Neighbourhood', household: 'Household {h}', tank: 'Tank {a}', pile: 'Compost {a}', period: '{w} · from {f} to {t}',
    hidden: '{n} household(s) without consent to fine data: their per-interval share is not shown (it counts in the sums).',
    rows: '{n} rows stored by the engine; the last row gives the sums.', sum: 'Sum', start: 'Start', quality: 'Quality',
    titles: {
      self_sufficiency: 'Self-sufficiency: how is it computed?', self_consumption: 'Self-consumption: how is it computed?',
      allocation: 'Share of the shared arrays: how is it computed?', water_autonomy: 'Water autonomy: how is it computed?',
      tank_days_left: 'Days of water left: how are they computed?', compost_progress: 'Compost sanitisation: how is progress computed?',
      vital_needs: 'Vital-needs index: how is it computed?',
    },
    formulas: {
      self_sufficiency: 'self-sufficiency = Σ locally supplied ÷ Σ consumption   (no battery: locally supplied = min(consumption, production) in each interval)',
      self_consumption: 'self-consumption = Σ self-consumed ÷ Σ production,   self-consumed = min(consumption, production) in each interval',
      allocation: 'share = Σ allocated ÷ Σ shared production,   allocated(home) = key(home) × shared production, capped at its consumption',
      water_autonomy: 'autonomy = Σ rain ÷ (Σ rain + Σ mains)',
      tank_days_left: 'days left = volume ÷ (litres drawn over the last 24 h ÷ 1 day)',
      compost_progress: 'progress = min(hot hours ÷ hours required, turnings ÷ turnings required)   (1 once achieved)',
      vital_needs: 'index = (energy + water + compost) ÷ n,   n = components known;   each = Σ part ÷ Σ whole',
    },
    columns: {
      consumption_kwh: 'Consumption (kWh)', production_kwh: 'Production (kWh)', shared_production_kwh: 'Shared production (kWh)',
      self_consumed_kwh: 'Self-consumed = min (kWh)', locally_supplied_kwh: 'Locally supplied (kWh)', import_kwh: 'Import (kWh)',
      export_kwh: 'Export (kWh)', allocated_kwh: 'Allocated (kWh)', share: 'Share {h} (kWh)', rain_l: 'Rain (L)', mains_l: 'Mains (L)',
      volume_l: 'Volume (L)', days_left: 'Days left', drawn_l_per_day: 'Drawn (L/day)', harvested_l: 'Harvested (L)', expected_l: 'Expected (L)',
      progress: 'Progress', coolest_c: 'Coolest probe (°C)', turnings: 'Turnings', energy: 'Energy', water: 'Water', compost: 'Compost',
      index: 'Index', energy_local_kwh: 'Locally supplied (kWh)', energy_consumption_kwh: 'Consumption (kWh)', water_rain_l: 'Rain (L)',
      water_total_l: 'All water (L)', compost_diverted_kg: 'Diverted (kg)', compost_total_kg: 'Weighed (kg)',
    },
    words: { energy: 'energy', water: 'water', compost: 'compost', index: 'index', days: 'days', min: 'min' },
  },
};
