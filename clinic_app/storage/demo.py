"""Demo data: twenty patients and their visits, to try the app without real patients.

Each patient follows one story from the clinical table (a knee with a tight calf, a neck
with a forward head, ...) over two to four visits that show progress. The data comes
from a fixed seed, so two runs on the same day give the same database. It only goes
into an empty database.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic_app.accounts import Permission, SessionUser
from clinic_app.catalogue import load_catalogue
from clinic_app.domain import (
    AnkleSide,
    BilateralScreen,
    Complaint,
    Episode,
    Goal,
    GoalStatus,
    HeadPostureScreen,
    HipSide,
    Language,
    LevelResult,
    LevelScreen,
    OutcomeRecord,
    Patient,
    Prescription,
    Region,
    Screenings,
    Sex,
    Side,
    Visit,
    VisitInfo,
    VisitStatus,
)
from clinic_app.errors import ClinicError
from clinic_app.follow_up import PlanChoice, carry_plan, plan_from_choices
from clinic_app.storage import audit, queries
from clinic_app.storage.audit import AuditAction
from clinic_app.storage.db import Database
from clinic_app.storage.orm import PatientRow
from clinic_app.storage.visits import add_visit
from clinic_app.triage import triage

DEMO_SEED = 20261125
CLINICIANS = ("Sam Lee, PT, DPT", "Alex Rivera, PT", "Jordan Kim, PT, DPT")
LEGS = (Side.LEFT, Side.RIGHT)


@dataclass(frozen=True, slots=True)
class Person:
    given_name: str
    family_name: str
    sex: Sex
    language: Language = Language.EN


PEOPLE = (
    Person("Zoë", "Núñez", Sex.FEMALE),
    Person("Łucja", "Wiśniewska", Sex.FEMALE),
    Person("Văn An", "Nguyễn", Sex.MALE),
    Person("Siobhán", "Ó Súilleabháin", Sex.FEMALE),
    Person("José", "García", Sex.MALE, Language.ES),
    Person("Olumide", "Adébáyọ̀", Sex.MALE),
    Person("Ana María", "López", Sex.FEMALE, Language.ES),
    Person("Björn", "Åström", Sex.MALE),
    Person("Chloé", "Lefèvre", Sex.FEMALE),
    Person("Jürgen", "Müller", Sex.MALE),
    Person("Ayşe", "Yılmaz", Sex.FEMALE),  # noqa: RUF001 (Turkish dotless i, on purpose)
    Person("Ольга", "Смирнова", Sex.FEMALE),
    Person("Søren", "Østergaard", Sex.MALE),
    Person("Δημήτρης", "Παπαδόπουλος", Sex.MALE),
    Person("Aoife", "O'Connor", Sex.FEMALE),
    Person("Marta", "Gómez-Ruiz", Sex.FEMALE, Language.ES),
    Person("Kwame", "Mensah", Sex.MALE),
    Person("Priya", "Raghunathan", Sex.FEMALE),
    Person("Samuel", "Cohen", Sex.MALE),
    Person("Grace", "Johnson", Sex.UNKNOWN),
    Person("Teresa", "Ramos", Sex.FEMALE),  # the episode with outcome measures (last: the others' data stays)
)
# This patient's first visit finds red flags: referral, no exercises; later visits follow medical clearance.
RED_FLAG_PATIENT = 12
RED_FLAGS_FOUND = ("constant_night_pain", "unexplained_weight_loss")
# This patient's three visits over six weeks make one episode of care, with outcome measures and goals.
OUTCOMES_PATIENT = len(PEOPLE) - 1


@dataclass(frozen=True, slots=True)
class Finding:
    key: str  # screen/code, as in the catalogue
    side: Side


@dataclass(frozen=True, slots=True)
class Examination:
    """What one visit of a story records, and the findings it shows."""

    complaints: tuple[Complaint, ...]
    screenings: Screenings
    findings: tuple[Finding, ...]


# A story: (side of the problem, progress from 0 at the first visit to 1 at the last, rng) -> one visit.
Story = Callable[[Side, float, random.Random], Examination]


@dataclass(frozen=True, slots=True)
class DemoCounts:
    patients: int
    visits: int


def fill_demo_data(database: Database, today: dt.date | None = None) -> DemoCounts:
    """Add the demo patients and visits in one transaction; refuse a database that has patients.

    Not audited: the desktop's until it logs in; the command line calls load_demo.
    """
    visits = demo_visits(today or dt.date.today())
    with database.writing() as session:
        _add_demo_visits(session, visits)
    return DemoCounts(patients=len(PEOPLE), visits=len(visits))


def load_demo(database: Database, user: SessionUser, today: dt.date | None = None) -> DemoCounts:
    """fill_demo_data as a logged-in user who may record visits, audited (demo_load)."""
    visits = demo_visits(today or dt.date.today())
    with database.writing() as session:
        audit.authorise(session, user, Permission.RECORD)
        _add_demo_visits(session, visits)
        counts = DemoCounts(patients=len(PEOPLE), visits=len(visits))
        audit.append(
            session,
            AuditAction.DEMO_LOAD,
            user.username,
            detail=f"{counts.patients} demo patients, {counts.visits} visits",
        )
    return counts


def _add_demo_visits(session: Session, visits: list[Visit]) -> None:
    if session.scalar(select(PatientRow.id).limit(1)) is not None:
        raise ClinicError(
            "the database already holds patients; demo data only goes into an empty database "
            "(set CLINIC_APP_DATABASE_URL to another one to try it)"
        )
    now = queries.utc_now()
    for visit in visits:
        add_visit(session, visit, now)


def demo_visits(today: dt.date) -> list[Visit]:
    rng = random.Random(DEMO_SEED)
    visits: list[Visit] = []
    for number, person in enumerate(PEOPLE):
        patient = _patient(person, number, rng)
        if number == OUTCOMES_PATIENT:
            visits += knee_episode_with_outcomes(patient, today)
            continue
        story = low_back_with_uneven_pelvis if number == RED_FLAG_PATIENT else rng.choice(STORIES)
        side = rng.choice(LEGS)
        clinician = rng.choice(CLINICIANS)
        dates = _visit_dates(today, rng.randint(2, 4), rng)
        draft_last = rng.random() < 0.4
        for index, date in enumerate(dates):
            last = index == len(dates) - 1
            exam = story(side, index / (len(dates) - 1), rng)
            flags = _red_flags(number, index, rng)
            status = VisitStatus.DRAFT if last and draft_last else VisitStatus.FINAL
            info = VisitInfo(date=date, clinician=clinician, status=status)
            visit = Visit(
                patient=patient,
                visit=info,
                complaints=exam.complaints,
                red_flags=flags,
                screenings=exam.screenings,
            )
            visits.append(_planned(visit) if status is VisitStatus.FINAL else visit)
    return visits


def _patient(person: Person, number: int, rng: random.Random) -> Patient:
    birth_date = dt.date(rng.randint(1942, 1998), rng.randint(1, 12), rng.randint(1, 28))
    email_name = f"{person.given_name}.{person.family_name}".lower().replace(" ", "").replace("'", "")
    return Patient(
        mrn=f"D-{1001 + number}",
        given_name=person.given_name,
        family_name=person.family_name,
        birth_date=birth_date,
        sex=person.sex,
        language=person.language,
        phone=f"(555) 01{number:02d}-{rng.randint(1000, 9999)}",  # 555-01xx: numbers kept for fiction
        email=f"{email_name}@example.com" if email_name.isascii() and rng.random() < 0.6 else None,
    )


def _visit_dates(today: dt.date, count: int, rng: random.Random) -> list[dt.date]:
    last = today - dt.timedelta(days=rng.randint(0, 20))
    dates = [last]
    for _ in range(count - 1):
        dates.append(dates[-1] - dt.timedelta(days=rng.randint(7, 21)))
    return dates[::-1]


def _red_flags(number: int, index: int, rng: random.Random) -> tuple[str, ...] | None:
    """First visits go through the checklist; follow-ups sometimes skip it."""
    if number == RED_FLAG_PATIENT and index == 0:
        return RED_FLAGS_FOUND
    return () if index == 0 or rng.random() < 0.5 else None


def _planned(visit: Visit) -> Visit:
    """A finished visit gets the plan the rules propose, as a therapist who accepts it would save it."""
    result = triage(visit)
    plan = tuple(Prescription(exercise=e.id, side=e.side, dosing=e.dosing) for e in result.exercises)
    return visit.model_copy(update={"plan": plan if result.plan_allowed else None})


# ---- the stories ----------------------------------------------------------------------------


def _pain(start: int, progress: float) -> int:
    return max(0, round(start - (start - 1) * progress))


def _higher(side: Side) -> LevelResult:
    return LevelResult.LEFT_HIGHER if side is Side.LEFT else LevelResult.RIGHT_HIGHER


def _other(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


def _legs(side: Side, affected: object, normal: object) -> dict[str, object]:
    """The two legs of a bilateral screen: the affected one on `side`."""
    return {side.value: affected, _other(side).value: normal}


def knee_with_tight_calf(side: Side, progress: float, rng: random.Random) -> Examination:
    resolved = progress >= 1
    note = rng.choice(("worse on stairs", 'says the knee "gives way" going downhill', None))
    ankle = AnkleSide(
        knee_touches_wall=resolved, heel_lifted=not resolved, toe_to_wall_cm=round(5.5 + 6 * progress, 1)
    )
    normal_ankle = AnkleSide(knee_touches_wall=True, heel_lifted=False, toe_to_wall_cm=12.0)
    normal_hip = HipSide(knee_bent_when_raised=False, foot_turned_out_when_resting=False)
    return Examination(
        complaints=(Complaint(region=Region.KNEE, side=side, pain=_pain(6, progress), note=note),),
        screenings=Screenings(
            hip_mobility=BilateralScreen[HipSide](left=normal_hip, right=normal_hip),
            ankle_mobility=BilateralScreen[AnkleSide].model_validate(_legs(side, ankle, normal_ankle)),
            pelvic_height=LevelScreen(result=LevelResult.LEVEL),
        ),
        findings=() if resolved else (Finding("ankle_mobility/tight_calf", side),),
    )


def knee_with_tight_hamstrings(side: Side, progress: float, rng: random.Random) -> Examination:
    tight = progress < 1
    hip = HipSide(
        knee_bent_when_raised=tight,
        foot_turned_out_when_resting=False,
        raised_angle_deg=float(round(60 + 25 * progress)),
        fms_score=1 if progress < 0.5 else 2,
    )
    normal_hip = HipSide(
        knee_bent_when_raised=False, foot_turned_out_when_resting=False, raised_angle_deg=85.0
    )
    normal_ankle = AnkleSide(knee_touches_wall=True, heel_lifted=False)
    note = rng.choice(
        ("aches after sitting through a film", "stiff first thing in the morning\nbetter once moving")
    )
    return Examination(
        complaints=(Complaint(region=Region.KNEE, side=side, pain=_pain(5, progress), note=note),),
        screenings=Screenings(
            hip_mobility=BilateralScreen[HipSide].model_validate(_legs(side, hip, normal_hip)),
            ankle_mobility=BilateralScreen[AnkleSide](left=normal_ankle, right=normal_ankle),
        ),
        findings=(Finding("hip_mobility/tight_hamstrings_glutes", side),) if tight else (),
    )


def neck_with_forward_head(side: Side, progress: float, rng: random.Random) -> Examination:
    angle = round(44 + 8 * progress, 1)
    shoulder = (
        LevelScreen(result=_higher(side), difference_cm=round(1.5 - progress, 1))
        if progress < 1
        else LevelScreen(result=LevelResult.LEVEL)
    )
    findings = [Finding("shoulder_height/high_shoulder", side)] if progress < 1 else []
    if angle < load_catalogue().cutoffs["craniovertebral_angle_deg"].value:
        findings.append(Finding("head_posture/forward_head", Side.CENTRAL))
    note = rng.choice(("long days at a laptop", "headache by the end of the work day", None))
    return Examination(
        complaints=(
            Complaint(region=Region.NECK, side=Side.CENTRAL, pain=_pain(5, progress), note=note),
            Complaint(region=Region.HEAD, side=Side.CENTRAL, pain=_pain(4, progress)),
        ),
        screenings=Screenings(
            shoulder_height=shoulder, head_posture=HeadPostureScreen(craniovertebral_angle_deg=angle)
        ),
        findings=tuple(findings),
    )


def low_back_with_uneven_pelvis(side: Side, progress: float, rng: random.Random) -> Examination:
    tight = progress < 0.5
    hip = HipSide(knee_bent_when_raised=tight, foot_turned_out_when_resting=False)
    pelvis = (
        LevelScreen(result=_higher(side), difference_cm=1.0)
        if progress < 1
        else LevelScreen(result=LevelResult.LEVEL)
    )
    findings = [Finding("pelvic_height/uneven_pelvis", side)] if progress < 1 else []
    if tight:
        findings += [Finding("hip_mobility/tight_hamstrings_glutes", leg) for leg in LEGS]
    note = rng.choice(("stiff in the morning", 'lifts boxes at work; "sharp" when bending', None))
    return Examination(
        complaints=(
            Complaint(region=Region.LOW_BACK, side=Side.CENTRAL, pain=_pain(6, progress), note=note),
        ),
        screenings=Screenings(
            hip_mobility=BilateralScreen[HipSide](left=hip, right=hip), pelvic_height=pelvis
        ),
        findings=tuple(findings),
    )


def hip_with_tight_glutes(side: Side, progress: float, rng: random.Random) -> Examination:
    tight = progress < 1
    hip = HipSide(knee_bent_when_raised=False, foot_turned_out_when_resting=tight)
    normal_hip = HipSide(knee_bent_when_raised=False, foot_turned_out_when_resting=False)
    pelvis = LevelScreen(result=_higher(side)) if tight else LevelScreen(result=LevelResult.LEVEL)
    complaints = [Complaint(region=Region.HIP, side=side, pain=_pain(5, progress), note="after long walks")]
    if rng.random() < 0.5:
        complaints.append(Complaint(region=Region.GROIN, side=side, pain=_pain(3, progress)))
    findings = (Finding("pelvic_height/uneven_pelvis", side), Finding("hip_mobility/tight_hip_flexors", side))
    return Examination(
        complaints=tuple(complaints),
        screenings=Screenings(
            hip_mobility=BilateralScreen[HipSide].model_validate(_legs(side, hip, normal_hip)),
            pelvic_height=pelvis,
        ),
        findings=findings if tight else (),
    )


STORIES: tuple[Story, ...] = (
    knee_with_tight_calf,
    knee_with_tight_hamstrings,
    neck_with_forward_head,
    low_back_with_uneven_pelvis,
    hip_with_tight_glutes,
)


# ---- the episode with outcome measures --------------------------------------------------------------

EPISODE_WEEKS = (6, 3, 0)  # weeks before today: three visits over six weeks
LEFS_SCORES = (38, 51, 63)  # Binkley 1999: a change of 9 points is meaningful
PSFS_ANSWERS = ((3, 4, 2), (5, 6, 4), (8, 8, 7))
PSFS_ACTIVITIES = ("Going down stairs", "Kneeling in the garden", "Walking the dog 30 minutes")
KNEE_PAIN = (6, 4, 2)
TOE_TO_WALL_CM = (6.0, 8.5, 9.5)  # still below the 10 cm cut-off: the calf stretch goes on


def knee_episode_with_outcomes(patient: Patient, today: dt.date) -> list[Visit]:
    """Left knee pain with a tight calf, better over three visits in six weeks: LEFS 38 -> 63, NPRS
    6 -> 2, toe-to-wall 6 -> 9.5 cm; the plan progressed a step at each follow-up; both goals met
    at the last visit."""
    start = today - dt.timedelta(weeks=EPISODE_WEEKS[0])
    episode = Episode(
        id="demo-episode-knee",
        reason="Left knee pain on stairs for three months; referred for physical therapy",
        referred_by="Dr. Maya Patel, MD",
        start_date=start,
        goals=(
            Goal(id="g1", measure="lefs", target=60, by=start + dt.timedelta(weeks=8)),
            Goal(
                id="g2",
                activity="Going down stairs",
                target="Two flights without holding the rail",
                by=start + dt.timedelta(weeks=8),
            ),
        ),
    )
    visits: list[Visit] = []
    for index, weeks in enumerate(EPISODE_WEEKS):
        resolved = TOE_TO_WALL_CM[index] >= load_catalogue().cutoffs["toe_to_wall_cm"].value
        ankle = AnkleSide(
            knee_touches_wall=resolved, heel_lifted=not resolved, toe_to_wall_cm=TOE_TO_WALL_CM[index]
        )
        normal_hip = HipSide(knee_bent_when_raised=False, foot_turned_out_when_resting=False)
        visit = Visit(
            patient=patient,
            visit=VisitInfo(
                date=today - dt.timedelta(weeks=weeks), clinician=CLINICIANS[0], status=VisitStatus.FINAL
            ),
            complaints=(
                Complaint(region=Region.KNEE, side=Side.LEFT, pain=KNEE_PAIN[index], note="worse on stairs"),
            ),
            red_flags=(),
            screenings=Screenings(
                hip_mobility=BilateralScreen[HipSide](left=normal_hip, right=normal_hip),
                ankle_mobility=BilateralScreen[AnkleSide](
                    left=ankle,
                    right=AnkleSide(knee_touches_wall=True, heel_lifted=False, toe_to_wall_cm=12.0),
                ),
            ),
            episode=episode,
            outcomes=(
                OutcomeRecord(measure="lefs", answers=_answers_summing_to(LEFS_SCORES[index], 20, 4)),
                OutcomeRecord(measure="psfs", answers=PSFS_ANSWERS[index], activities=PSFS_ACTIVITIES),
            ),
            goal_status=(GoalStatus(goal="g2", met=index == len(EPISODE_WEEKS) - 1),),
        )
        visits.append(_planned(visit) if not visits else _followed_up(visits[-1], visit))
    return visits


def _answers_summing_to(total: int, items: int, top: int) -> tuple[int, ...]:
    """Item answers that add up to a total, as even as they can be (LEFS 38: eighteen 2s, two 1s)."""
    base, extra = divmod(total, items)
    answers = tuple([base + 1] * extra + [base] * (items - extra))
    assert all(0 <= answer <= top for answer in answers)
    return answers


def _followed_up(previous: Visit, visit: Visit) -> Visit:
    """The last plan carried forward: each exercise the rules still propose progressed a step, the
    others stopped (as a therapist would once the finding is gone)."""
    proposed = {(e.id, e.side) for e in triage(visit).exercises}
    carried = carry_plan(previous)
    choices = [
        PlanChoice.PROGRESS if (item.previous.exercise, item.previous.side) in proposed else PlanChoice.STOP
        for item in carried
    ]
    return visit.model_copy(update={"plan": plan_from_choices(carried, choices)})
