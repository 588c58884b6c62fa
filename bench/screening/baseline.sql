-- Hand-written DuckDB baseline of `calfwise screen` (docs/benchmarks.md, "Population screening").
-- A benchmark, not product code: the thresholds, codes and units below are COPIES of the knowledge base, written in as
-- constants so that the SQL is what a data engineer would write by hand. Where they come from:
--   LOINC, SNOMED CT, ICD-10(-CM) and ATC codes   knowledge/codes.yaml
--   units, reference ranges, critical limits      knowledge/labs.yaml (analytes)
--   ferritin-rls-iron 75, ferritin-rls-iv-max 100, tsat-rls-iron 20, ferritin-deficiency-anemia-aga 45,
--   potassium-raised 5.5, ferritin-very-high 1000, tsat-overload 45, ferritin-overload-female/male 200/300
--                                                 knowledge/labs.yaml (thresholds)
--   the potassium-raising classes                 knowledge/recommendations.yaml (potassium-medicine-review)
--   windows: labs 365 days (RecordCase.LabWindowDays), critical 30 days and long-term PPI 365 days (Screener)
-- Placeholders, replaced by bench/Calfwise.Bench.DuckDb: {{export}} (folder), {{as_of}} (YYYY-MM-DD), {{output}} (CSV).
--
-- What the engine does that this does not (approximations, also listed in docs/benchmarks.md):
--   * iron plan: adults' rule only (ferritin <= 75, or TSAT < 20 with a ferritin; not above 1000 or overload);
--     no children's threshold (50), no dialysis (ferritin < 200 and TSAT < 20) and no pregnancy plan; TSAT is the
--     reported one only (the engine also derives it from serum iron and TIBC).
--   * haemoglobin: the WHO cut-offs by sex, age and pregnancy, without trimesters; age in whole years.
--   * ida-no-gi-investigation: adult, anaemic, ferritin < 45, a man or a woman aged 50 or more; the engine also takes
--     postmenopausal women and GI symptoms (findings the synthetic data never has).
--   * medicines: a MedicationRequest is active when its status is active; classes by ATC prefix.
--   * units: matched on the UCUM code (else the unit text), case-insensitively; no other spelling.

SET VARIABLE today = DATE '{{as_of}}';

CREATE TEMP TABLE loinc(code VARCHAR, analyte VARCHAR);
INSERT INTO loinc VALUES
  ('2276-4', 'ferritin'), ('20567-4', 'ferritin'),
  ('2502-3', 'tsat'), ('14801-5', 'tsat'),
  ('718-7', 'hemoglobin'), ('59260-0', 'hemoglobin'),
  ('2823-3', 'potassium'), ('6298-4', 'potassium'), ('39789-3', 'potassium'), ('32713-0', 'potassium'),
  ('19123-9', 'magnesium'), ('2601-3', 'magnesium'),
  ('17861-6', 'calcium'), ('2000-8', 'calcium'),
  ('2951-2', 'sodium'), ('2947-0', 'sodium'), ('39791-9', 'sodium'), ('32717-1', 'sodium');

-- canonical value = value * factor (knowledge/labs.yaml units; the canonical unit has factor 1)
CREATE TEMP TABLE unit(analyte VARCHAR, unit VARCHAR, factor DOUBLE);
INSERT INTO unit VALUES
  ('ferritin', 'ug/l', 1), ('ferritin', 'ng/ml', 1), ('ferritin', 'pmol/l', 1 / 2.247),
  ('tsat', '%', 1), ('tsat', '1', 100),
  ('hemoglobin', 'g/dl', 1), ('hemoglobin', 'g/l', 0.1), ('hemoglobin', 'mmol/l', 1 / 0.6206),
  ('potassium', 'mmol/l', 1), ('potassium', 'meq/l', 1),
  ('magnesium', 'mmol/l', 1), ('magnesium', 'mg/dl', 0.4114), ('magnesium', 'meq/l', 0.5),
  ('calcium', 'mmol/l', 1), ('calcium', 'mg/dl', 0.2495), ('calcium', 'meq/l', 0.5),
  ('sodium', 'mmol/l', 1), ('sodium', 'meq/l', 1);

CREATE TEMP TABLE patient AS
SELECT id AS patient_id, gender,
       TRY_CAST(birthDate AS DATE) AS birth,
       date_sub('year', TRY_CAST(birthDate AS DATE), getvariable('today')) AS age
FROM read_json('{{export}}/Patient.*.ndjson*', format = 'newline_delimited',
               columns = {id: 'VARCHAR', gender: 'VARCHAR', birthDate: 'VARCHAR', deceasedBoolean: 'BOOLEAN', deceasedDateTime: 'VARCHAR'})
WHERE coalesce(deceasedBoolean, false) = false AND deceasedDateTime IS NULL
  AND gender IN ('male', 'female') AND TRY_CAST(birthDate AS DATE) IS NOT NULL;

CREATE TEMP TABLE condition AS
SELECT DISTINCT split_part(subject.reference, '/', -1) AS patient_id,
       CASE WHEN c.system = 'http://snomed.info/sct' AND c.code = '32914008' THEN 'restless-legs'
            WHEN c.system LIKE '%icd-10-cm%' AND replace(c.code, '.', '') LIKE 'G2581%' THEN 'restless-legs'
            WHEN c.system LIKE '%icd-10' AND replace(c.code, '.', '') LIKE 'G258%' THEN 'restless-legs'
            WHEN c.system = 'http://snomed.info/sct' AND c.code = '709044004' THEN 'ckd'
            WHEN c.system = 'http://snomed.info/sct' AND c.code = '77386006' THEN 'pregnant'
            WHEN c.system LIKE '%icd-10%' AND (replace(c.code, '.', '') LIKE 'Z331%' OR c.code LIKE 'Z34%') THEN 'pregnant'
       END AS kind
FROM (SELECT subject, unnest(code.coding) AS c, clinicalStatus, verificationStatus
      FROM read_json('{{export}}/Condition.*.ndjson*', format = 'newline_delimited',
                     columns = {subject: 'STRUCT(reference VARCHAR)',
                                clinicalStatus: 'STRUCT(coding STRUCT(code VARCHAR)[])',
                                verificationStatus: 'STRUCT(coding STRUCT(code VARCHAR)[])',
                                code: 'STRUCT(coding STRUCT(system VARCHAR, code VARCHAR)[])'}))
WHERE coalesce(clinicalStatus.coding[1].code, 'active') IN ('active', 'recurrence', 'relapse')
  AND coalesce(verificationStatus.coding[1].code, 'confirmed') = 'confirmed'
  AND kind IS NOT NULL;

CREATE TEMP TABLE medication AS
SELECT DISTINCT split_part(subject.reference, '/', -1) AS patient_id, status,
       TRY_CAST(left(authoredOn, 10) AS DATE) AS authored,
       CASE WHEN atc LIKE 'B03A%' THEN 'iron'
            WHEN atc LIKE 'N04BC%' THEN 'agonist'
            WHEN atc LIKE 'C03C%' OR atc LIKE 'C03A%' OR atc LIKE 'C03BA%' THEN 'diuretic'
            WHEN atc LIKE 'A02BC%' THEN 'ppi'
            WHEN atc LIKE 'C09A%' OR atc LIKE 'C09B%' OR atc LIKE 'C09C%' OR atc LIKE 'C09D%' OR atc LIKE 'C03D%'
              OR atc LIKE 'C03E%' OR atc IN ('J01EA01', 'J01EE01') OR atc LIKE 'M01AB%' OR atc LIKE 'M01AC%'
              OR atc LIKE 'M01AE%' OR atc LIKE 'M01AG%' OR atc LIKE 'M01AH%' OR atc LIKE 'M01AX01%'
              OR atc LIKE 'A12BA%' THEN 'potassium-raising'
       END AS kind
FROM (SELECT subject, status, authoredOn, upper(trim(c.code)) AS atc
      FROM (SELECT subject, status, authoredOn, unnest(medicationCodeableConcept.coding) AS c
            FROM read_json('{{export}}/MedicationRequest.*.ndjson*', format = 'newline_delimited',
                           columns = {subject: 'STRUCT(reference VARCHAR)', status: 'VARCHAR', authoredOn: 'VARCHAR',
                                      medicationCodeableConcept: 'STRUCT(coding STRUCT(system VARCHAR, code VARCHAR)[])'}))
      WHERE c.system = 'http://www.whocc.no/atc')
WHERE kind IS NOT NULL AND status NOT IN ('entered-in-error', 'cancelled', 'draft', 'unknown');

CREATE TEMP TABLE gi AS
SELECT DISTINCT split_part(subject.reference, '/', -1) AS patient_id
FROM (SELECT subject, status, unnest(code.coding) AS c
      FROM read_json('{{export}}/Procedure.*.ndjson*', format = 'newline_delimited',
                     columns = {subject: 'STRUCT(reference VARCHAR)', status: 'VARCHAR',
                                code: 'STRUCT(coding STRUCT(system VARCHAR, code VARCHAR)[])'}))
WHERE status = 'completed' AND c.system = 'http://snomed.info/sct'
  AND c.code IN ('73761001', '367535003', '235150006', '444783004', '446745002', '25732003', '174185007', '8180007',
                 '443998000', '76009000');

-- Every usable lab result of a bound analyte, in the canonical unit, with its day (one row per bound LOINC coding:
-- the synthetic export writes one coding a lab).
CREATE TEMP TABLE lab AS
SELECT o.patient_id, l.analyte, o.value * u.factor AS value, o.day
FROM (SELECT split_part(subject.reference, '/', -1) AS patient_id, status, valueQuantity.value AS value,
             valueQuantity.comparator AS comparator,
             lower(CASE WHEN valueQuantity.system = 'http://unitsofmeasure.org' AND valueQuantity.code IS NOT NULL
                        THEN valueQuantity.code ELSE valueQuantity.unit END) AS unit,
             TRY_CAST(left(coalesce(effectiveDateTime, effectivePeriod.start, issued), 10) AS DATE) AS day,
             unnest(code.coding) AS c
      FROM read_json('{{export}}/Observation.*.ndjson*', format = 'newline_delimited',
                     columns = {subject: 'STRUCT(reference VARCHAR)', status: 'VARCHAR',
                                code: 'STRUCT(coding STRUCT(system VARCHAR, code VARCHAR)[])',
                                valueQuantity: 'STRUCT(value DOUBLE, comparator VARCHAR, unit VARCHAR, system VARCHAR, code VARCHAR)',
                                effectiveDateTime: 'VARCHAR', effectivePeriod: 'STRUCT(start VARCHAR)', issued: 'VARCHAR'})
      WHERE valueQuantity.value IS NOT NULL) o
JOIN loinc l ON l.code = o.c.code AND o.c.system = 'http://loinc.org'
JOIN unit u ON u.analyte = l.analyte AND u.unit = o.unit
WHERE o.status IN ('final', 'amended', 'corrected', 'preliminary') AND o.comparator IS NULL
  AND o.day IS NOT NULL AND o.day <= getvariable('today');

CREATE TEMP TABLE person AS
SELECT p.*, EXISTS (SELECT 1 FROM condition c WHERE c.patient_id = p.patient_id AND c.kind = 'pregnant') AS pregnant
FROM patient p;

-- The latest result of each analyte in the last 365 days.
CREATE TEMP TABLE latest AS
SELECT patient_id, analyte, arg_max(value, day) AS value, max(day) AS day
FROM lab WHERE day >= getvariable('today') - 365
GROUP BY patient_id, analyte;

CREATE TEMP TABLE facts AS
SELECT p.patient_id, p.gender, p.age, p.pregnant,
       f.value AS ferritin, f.day AS ferritin_day, t.value AS tsat, t.day AS tsat_day,
       h.value AS hb, k.value AS potassium, m.value AS magnesium,
       CASE WHEN p.age >= 15 AND p.gender = 'male' THEN 13.0
            WHEN p.age >= 15 AND p.pregnant THEN 11.0
            WHEN p.age >= 12 THEN 12.0 WHEN p.age >= 5 THEN 11.5 WHEN p.age >= 2 THEN 11.0 ELSE 10.5 END AS hb_low,
       EXISTS (SELECT 1 FROM condition c WHERE c.patient_id = p.patient_id AND c.kind = 'restless-legs') AS rls
FROM person p
LEFT JOIN latest f ON f.patient_id = p.patient_id AND f.analyte = 'ferritin'
LEFT JOIN latest t ON t.patient_id = p.patient_id AND t.analyte = 'tsat'
LEFT JOIN latest h ON h.patient_id = p.patient_id AND h.analyte = 'hemoglobin'
LEFT JOIN latest k ON k.patient_id = p.patient_id AND k.analyte = 'potassium'
LEFT JOIN latest m ON m.patient_id = p.patient_id AND m.analyte = 'magnesium';

CREATE TEMP TABLE iron AS
SELECT *, ferritin IS NOT NULL AND (ferritin <= 75 OR tsat < 20) AND ferritin <= 1000
          AND NOT (tsat > 45 AND ferritin > CASE gender WHEN 'female' THEN 200 ELSE 300 END) AS iron_low
FROM facts WHERE rls;

-- Critical limits at urgent or emergency level, and the reference ranges a later result must be within.
CREATE TEMP TABLE read AS
SELECT l.patient_id, l.analyte, l.day,
       CASE l.analyte
         WHEN 'hemoglobin' THEN l.value < CASE WHEN p.pregnant THEN 7.0 ELSE 8.0 END
         WHEN 'potassium' THEN l.value >= 6.0 OR l.value < 3.0
         WHEN 'magnesium' THEN l.value < 0.5
         WHEN 'calcium' THEN l.value < 1.9 OR l.value >= 3.0
         WHEN 'sodium' THEN l.value < 125 OR l.value > 155
         ELSE false END AS critical,
       CASE l.analyte
         WHEN 'hemoglobin' THEN l.value >= CASE WHEN p.age >= 15 AND p.gender = 'male' THEN 13.0
                                                 WHEN p.age >= 15 AND p.pregnant THEN 11.0
                                                 WHEN p.age >= 12 THEN 12.0 WHEN p.age >= 5 THEN 11.5
                                                 WHEN p.age >= 2 THEN 11.0 ELSE 10.5 END
         WHEN 'potassium' THEN l.value BETWEEN 3.5 AND 5.0
         WHEN 'magnesium' THEN l.value BETWEEN 0.70 AND 1.00
         WHEN 'calcium' THEN l.value BETWEEN 2.15 AND 2.60
         WHEN 'sodium' THEN l.value BETWEEN 135 AND 145
         ELSE false END AS normal
FROM lab l JOIN person p USING (patient_id)
WHERE l.patient_id IN (SELECT patient_id FROM lab WHERE day >= getvariable('today') - 30);

COPY (
  SELECT patient_id, 'rls-iron-not-checked' AS rule_id FROM iron WHERE ferritin IS NULL
  UNION ALL
  SELECT i.patient_id, 'rls-iron-low-untreated' FROM iron i
  WHERE iron_low AND NOT EXISTS (SELECT 1 FROM medication m WHERE m.patient_id = i.patient_id AND m.kind = 'iron'
                                 AND coalesce(m.authored, DATE '0001-01-01') >= least(i.ferritin_day, coalesce(i.tsat_day, i.ferritin_day)))
  UNION ALL
  SELECT i.patient_id, 'rls-dopamine-agonist-iron' FROM iron i
  WHERE (ferritin IS NULL OR iron_low)
    AND EXISTS (SELECT 1 FROM medication m WHERE m.patient_id = i.patient_id AND m.kind = 'agonist' AND m.status = 'active')
  UNION ALL
  SELECT f.patient_id, 'ida-no-gi-investigation' FROM facts f
  WHERE age >= 18 AND hb < hb_low AND ferritin < 45 AND (gender = 'male' OR age >= 50)
    AND patient_id NOT IN (SELECT patient_id FROM gi)
  UNION ALL
  SELECT f.patient_id, 'salt-lowering-medicine-low-salt' FROM facts f
  WHERE (potassium < 3.5 OR magnesium < 0.70)
    AND EXISTS (SELECT 1 FROM medication m WHERE m.patient_id = f.patient_id AND m.status = 'active'
                AND (m.kind = 'diuretic' OR (m.kind = 'ppi' AND coalesce(m.authored <= getvariable('today') - 365, true))))
  UNION ALL
  SELECT f.patient_id, 'potassium-raising-medicine-high-potassium' FROM facts f
  WHERE potassium >= 5.5
    AND EXISTS (SELECT 1 FROM medication m WHERE m.patient_id = f.patient_id AND m.status = 'active' AND m.kind = 'potassium-raising')
  UNION ALL
  SELECT patient_id, 'critical-lab-unresolved' FROM (
    SELECT r.patient_id, r.analyte, max(r.day) AS last_critical FROM read r
    WHERE r.critical AND r.day >= getvariable('today') - 30
    GROUP BY r.patient_id, r.analyte) c
  WHERE NOT EXISTS (SELECT 1 FROM read r WHERE r.patient_id = c.patient_id AND r.analyte = c.analyte
                    AND r.day > c.last_critical AND r.normal)
  ORDER BY 1, 2
) TO '{{output}}' (HEADER, DELIMITER ',');
