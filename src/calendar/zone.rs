//! A policy's time zone with its UTC offsets tabled: every decision turns two instants (payment
//! and now) into local dates, and a table of the zone's offsets with the instants they start at
//! answers with a comparison where the time-zone database searches the zone's whole history.
//!
//! The table is exact: it holds every change of offset the database has between [`FROM`] and
//! [`UNTIL`], and instants outside that range are converted by the database itself. It is built
//! once per zone and process, when the first policy in that zone is loaded.

use super::local_date;
use chrono::{
    DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;
use std::sync::{Arc, Mutex, PoisonError};

/// 2000-01-01T00:00:00Z: the table starts here. Payments and refunds happen after it; an
/// earlier instant is still converted exactly, by the database.
const FROM: i64 = 946_684_800;
/// 2050-01-01T00:00:00Z: the table ends before here. Building it samples the zone every
/// [`STEP`], so each decade it covers costs a command-line decision about 0.3 million
/// instructions; later instants go to the database too.
const UNTIL: i64 = 2_524_608_000;
/// Six days, in seconds. The table samples the zone at this step and bisects between two
/// samples whose offsets differ. No zone of the database keeps an offset for less than a week
/// (the shortest span, just under 7 days, is America/Noronha's in October 2000): two changes
/// never fall within one step, so a step whose ends agree holds no change, and one whose ends
/// differ holds exactly one. The tests compare the table with the database.
const STEP: i64 = 518_400;

/// A time zone and its offsets from [`FROM`] to [`UNTIL`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LocalZone {
    tz: Tz,
    /// The table's last offset, kept here: the offset of nearly every instant a decision
    /// reads (all of them in a zone that no longer changes, as Seoul), found without
    /// following the table's handle.
    recent: Recent,
    table: Arc<Table>,
}

/// One offset of a table and the instants, in UTC, it holds from and until.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Recent {
    from: NaiveDateTime,
    until: NaiveDateTime,
    /// Seconds east of UTC.
    offset: i32,
}

/// Seconds in a day.
const DAY: i32 = 86_400;

/// The offsets of one zone.
#[derive(Debug, PartialEq)]
struct Table {
    tz: Tz,
    /// [`FROM`] and [`UNTIL`], in UTC.
    from: NaiveDateTime,
    until: NaiveDateTime,
    /// The first instant of each offset, in UTC, ascending; the first is `from`.
    starts: Box<[NaiveDateTime]>,
    /// The offset from each of `starts`, to the next or to `until`.
    offsets: Box<[FixedOffset]>,
}

/// The tables built so far: a process loads its policies, most often all in one zone, once or
/// a few times, and a table costs some thousands of look-ups in the database.
static TABLES: Mutex<Vec<Arc<Table>>> = Mutex::new(Vec::new());

impl From<Tz> for LocalZone {
    fn from(tz: Tz) -> LocalZone {
        LocalZone::new(tz)
    }
}

/// `second` as a UTC date and time.
fn utc(second: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(second, 0).map(|t| t.naive_utc())
}

/// The offset of `tz` at `second`, by the database.
fn offset_of(tz: Tz, second: i64) -> Option<FixedOffset> {
    Some(tz.offset_from_utc_datetime(&utc(second)?).fix())
}

impl Table {
    fn new(tz: Tz) -> Option<Table> {
        let mut current = offset_of(tz, FROM)?;
        let mut starts = vec![utc(FROM)?];
        let mut offsets = vec![current];
        let mut at = FROM;
        while at < UNTIL {
            let next = at.saturating_add(STEP).min(UNTIL);
            let then = offset_of(tz, next)?;
            if then != current {
                // Exactly one change lies in (at, next]: bisect for its first second.
                let (mut before, mut after) = (at, next);
                while after.saturating_sub(before) > 1 {
                    let middle = before.saturating_add(after.saturating_sub(before) / 2);
                    if offset_of(tz, middle)? == current {
                        before = middle;
                    } else {
                        after = middle;
                    }
                }
                starts.push(utc(after)?);
                offsets.push(then);
                current = then;
            }
            at = next;
        }
        Some(Table {
            tz,
            from: utc(FROM)?,
            until: utc(UNTIL)?,
            starts: starts.into(),
            offsets: offsets.into(),
        })
    }

    /// The offset at `instant`; `None` outside the table.
    fn offset(&self, instant: NaiveDateTime) -> Option<FixedOffset> {
        if instant < self.from || instant >= self.until {
            return None;
        }
        // Instants are mostly recent: the last offset first.
        if let (Some(start), Some(offset)) = (self.starts.last(), self.offsets.last())
            && instant >= *start
        {
            return Some(*offset);
        }
        let index = self.starts.partition_point(|start| *start <= instant);
        self.offsets.get(index.checked_sub(1)?).copied()
    }
}

/// The table of `tz`, built now if no policy in the zone was loaded before. A zone whose table
/// cannot be built (none in the database) gets an empty one: the database answers everything.
fn table(tz: Tz) -> Arc<Table> {
    let mut tables = TABLES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(table) = tables.iter().find(|t| t.tz == tz) {
        return Arc::clone(table);
    }
    let table = Arc::new(Table::new(tz).unwrap_or(Table {
        tz,
        from: NaiveDateTime::MAX,
        until: NaiveDateTime::MIN,
        starts: Box::default(),
        offsets: Box::default(),
    }));
    tables.push(Arc::clone(&table));
    table
}

impl Table {
    /// The last offset, to [`UNTIL`]; one that holds for no instant when the table is empty.
    fn recent(&self) -> Recent {
        match (self.starts.last(), self.offsets.last()) {
            (Some(from), Some(offset)) => Recent {
                from: *from,
                until: self.until,
                offset: offset.local_minus_utc(),
            },
            _ => Recent {
                from: NaiveDateTime::MAX,
                until: NaiveDateTime::MIN,
                offset: 0,
            },
        }
    }
}

/// The local date of `utc` at `offset` seconds east of UTC, and the local second of that day.
/// An offset is less than a day, so the date moves by one day at most: a comparison, where
/// adding the offset as chrono does divides.
fn shifted(utc: NaiveDateTime, offset: i32) -> Option<(NaiveDate, u32)> {
    let second = i32::try_from(utc.time().num_seconds_from_midnight())
        .ok()?
        .checked_add(offset)?;
    let (date, second) = if second < 0 {
        (utc.date().pred_opt()?, second.checked_add(DAY)?)
    } else if second >= DAY {
        (utc.date().succ_opt()?, second.checked_sub(DAY)?)
    } else {
        (utc.date(), second)
    };
    Some((date, u32::try_from(second).ok()?))
}

impl LocalZone {
    /// `tz` with its table.
    pub(crate) fn new(tz: Tz) -> LocalZone {
        let table = table(tz);
        LocalZone {
            tz,
            recent: table.recent(),
            table,
        }
    }

    /// The zone's name (`Asia/Seoul`).
    pub(crate) fn name(&self) -> &'static str {
        self.tz.name()
    }

    /// The offset at `utc`, in seconds east of UTC, from the table; `None` outside it.
    #[inline]
    fn offset(&self, utc: NaiveDateTime) -> Option<i32> {
        let recent = &self.recent;
        if recent.from <= utc && utc < recent.until {
            return Some(recent.offset);
        }
        self.table
            .offset(utc)
            .map(|offset| offset.local_minus_utc())
    }

    /// The local date of `instant` and its second of the day, from the table; `None` outside
    /// it.
    #[inline]
    fn tabled(&self, instant: DateTime<Utc>) -> Option<(NaiveDate, u32)> {
        let utc = instant.naive_utc();
        shifted(utc, self.offset(utc)?)
    }

    /// The local date and time of `instant`.
    #[inline(always)]
    pub(crate) fn local(&self, instant: DateTime<Utc>) -> (NaiveDate, NaiveTime) {
        // A leap second whose local second is not a minute's last (an offset not in whole
        // minutes) is not a time chrono makes from parts: the database answers it.
        // The fraction read from the UTC time: `DateTime::nanosecond` would add the offset
        // (zero for UTC) to find its local time first.
        let fraction = instant.naive_utc().nanosecond();
        if let Some((date, second)) = self.tabled(instant)
            && let Some(time) = NaiveTime::from_num_seconds_from_midnight_opt(second, fraction)
        {
            return (date, time);
        }
        let local = instant.with_timezone(&self.tz);
        (local.date_naive(), local.time())
    }

    /// The local date of `instant`.
    #[inline(always)]
    pub(crate) fn date(&self, instant: DateTime<Utc>) -> NaiveDate {
        match self.tabled(instant) {
            Some((date, _)) => date,
            None => local_date(instant, self.tz),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FROM, LocalZone, UNTIL};
    use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
    use chrono_tz::Tz;

    /// What the database says.
    fn by_database(tz: Tz, instant: DateTime<Utc>) -> (NaiveDate, NaiveTime) {
        let local = instant.with_timezone(&tz);
        (local.date_naive(), local.time())
    }

    fn agrees(zone: &LocalZone, second: i64) {
        if let Some(at) = DateTime::from_timestamp(second, 0) {
            let expected = by_database(zone.tz, at);
            assert_eq!(zone.local(at), expected, "{} at {at}", zone.tz);
            assert_eq!(zone.date(at), expected.0, "{} at {at}", zone.tz);
        }
    }

    /// Zones with what makes a table hard: Seoul's history, yearly daylight saving time, the
    /// shortest spans of the database (Noronha), changes to 2099 (Gaza), Ramadan suspensions
    /// (Casablanca), half-hour daylight saving time (Lord Howe), offsets off the quarter hour
    /// (Kathmandu, Chatham), a zone west of UTC by more than half a day (Pago Pago), a zone
    /// that skipped a day (Apia).
    const ZONES: [Tz; 11] = [
        chrono_tz::Asia::Seoul,
        chrono_tz::America::New_York,
        chrono_tz::America::Noronha,
        chrono_tz::Asia::Gaza,
        chrono_tz::Africa::Casablanca,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::Asia::Kathmandu,
        chrono_tz::Pacific::Chatham,
        chrono_tz::Pacific::Pago_Pago,
        chrono_tz::Pacific::Apia,
        chrono_tz::UTC,
    ];

    /// On both sides of every change the table holds, at instants spread over it and beyond,
    /// and at its edges, the table and the database agree.
    #[test]
    fn the_table_agrees_with_the_database() {
        for tz in ZONES {
            let zone = LocalZone::new(tz);
            for start in zone.table.starts.iter() {
                let second = start.and_utc().timestamp();
                for second in [second.saturating_sub(1), second, second.saturating_add(1)] {
                    agrees(&zone, second);
                }
            }
            let (before, after) = (
                FROM.saturating_sub(5_184_000),
                UNTIL.saturating_add(5_184_000),
            );
            for second in (before..after).step_by(3_641_345) {
                agrees(&zone, second);
            }
            for second in [FROM.saturating_sub(1), FROM, UNTIL.saturating_sub(1), UNTIL] {
                agrees(&zone, second);
            }
        }
    }

    /// No change is missed: hour by hour over the table's first three decades, table and
    /// database agree.
    #[test]
    fn no_change_is_missed_hour_by_hour() {
        for tz in [
            chrono_tz::Asia::Seoul,
            chrono_tz::America::Noronha,
            chrono_tz::Africa::Casablanca,
        ] {
            let zone = LocalZone::new(tz);
            for second in (FROM..FROM.saturating_add(946_728_000)).step_by(3_600) {
                agrees(&zone, second);
            }
        }
    }

    /// Seoul has kept UTC+9 since daylight saving time ended on October 9, 1988, at 3:00 KDT:
    /// its table is one offset; New York's changes twice a year.
    #[test]
    fn seoul_has_one_offset_in_the_table_new_york_two_a_year() {
        let seoul = LocalZone::new(chrono_tz::Asia::Seoul);
        let offsets: Vec<i32> = seoul
            .table
            .offsets
            .iter()
            .map(|o| o.local_minus_utc())
            .collect();
        assert_eq!(offsets, [32_400]);
        let new_york = LocalZone::new(chrono_tz::America::New_York);
        assert_eq!(new_york.table.starts.len(), 101);
    }

    /// Outside the table the database answers, up to the first and last instants a payment
    /// can carry (RFC 3339 years 0 and 9999).
    #[test]
    fn outside_the_table_the_database_answers() {
        let zone = LocalZone::new(chrono_tz::America::New_York);
        let first = -62_167_219_200;
        let last = 253_402_300_799;
        for second in [first, FROM.saturating_sub(1), UNTIL, last] {
            let at = DateTime::from_timestamp(second, 0);
            assert!(at.is_some_and(|at| zone.tabled(at).is_none()), "{second}");
            agrees(&zone, second);
        }
    }

    /// Inside its range the table answers by itself, from its first second to its last: the
    /// database is only the fallback outside it.
    #[test]
    fn inside_its_range_the_table_answers() {
        let zone = LocalZone::new(chrono_tz::Asia::Seoul);
        for second in [
            FROM,
            FROM.saturating_add(1),
            1_772_409_600,
            UNTIL.saturating_sub(1),
        ] {
            let at = DateTime::from_timestamp(second, 0);
            assert!(at.is_some_and(|at| zone.tabled(at).is_some()), "{second}");
            agrees(&zone, second);
        }
    }

    /// A leap second keeps its fraction: the local time is the minute's 60th second, as the
    /// database gives it, in a zone east of UTC and one west of it.
    #[test]
    fn a_leap_second_reads_as_the_database_reads_it() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 1_500))
            .map(|t| t.and_utc());
        let Some(leap) = leap else {
            panic!("a leap second is a valid instant");
        };
        for tz in [chrono_tz::Asia::Seoul, chrono_tz::America::New_York] {
            let zone = LocalZone::new(tz);
            assert_eq!(zone.local(leap), by_database(tz, leap), "{tz}");
            assert_eq!(zone.date(leap), by_database(tz, leap).0, "{tz}");
        }
    }

    /// A zone is tabled once: policies in the same zone share the table.
    #[test]
    fn policies_in_one_zone_share_a_table() {
        let (a, b) = (
            LocalZone::new(chrono_tz::Asia::Seoul),
            LocalZone::new(chrono_tz::Asia::Seoul),
        );
        assert!(std::sync::Arc::ptr_eq(&a.table, &b.table));
    }
}
