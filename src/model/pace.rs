//! Long work in slices. The results' reading (a 2 MB paste, or 100 tasks'
//! bootstrap at 50 rungs) takes seconds; on the page's one thread that
//! froze the tab (issue 34). So the loops that can run long are `async` and
//! call [`Pace::pause`] between units of work: the page's pace yields to the
//! browser once its time slice is used up, and native callers (tests, the
//! JS API's bounded `analyze()`) run straight through with [`Unpaced`].
//!
//! Pure: no clock and no timer here. The page brings both.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A future a [`Pace`] returns: ready at once, or once the page had its turn.
pub type Pause<'a> = Pin<Box<dyn Future<Output = ()> + 'a>>;

/// Decides, between units of work, whether to go on or to let the page run.
pub trait Pace {
    /// Called often (every few thousand lines or hundred resamples): cheap
    /// when the slice is not used up.
    fn pause(&mut self) -> Pause<'_>;
}

/// Never pauses: for callers that want the answer now.
pub struct Unpaced;

impl Pace for Unpaced {
    fn pause(&mut self) -> Pause<'_> {
        Box::pin(std::future::ready(()))
    }
}

/// Runs `work` to its end on this thread. Meant for work paced by
/// [`Unpaced`], which never waits; a pace that waits on something outside
/// would make this spin, so none is passed here.
///
/// ```
/// use evidence_ladder::model::pace::run_now;
/// assert_eq!(run_now(async { 6 * 7 }), 42);
/// ```
pub fn run_now<T>(work: impl Future<Output = T>) -> T {
    let mut work = std::pin::pin!(work);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(value) = work.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts its pauses and waits once at every `every`-th.
    struct Counting {
        pauses: usize,
        every: usize,
    }

    struct Once(bool);
    impl Future for Once {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }

    impl Pace for Counting {
        fn pause(&mut self) -> Pause<'_> {
            self.pauses += 1;
            Box::pin(Once(!self.pauses.is_multiple_of(self.every)))
        }
    }

    #[test]
    fn paced_work_gives_the_same_answer_as_unpaced() {
        async fn sum(pace: &mut dyn Pace) -> u64 {
            let mut total = 0;
            for i in 0..100u64 {
                total += i;
                pace.pause().await;
            }
            total
        }
        let mut counting = Counting {
            pauses: 0,
            every: 7,
        };
        assert_eq!(run_now(sum(&mut counting)), run_now(sum(&mut Unpaced)));
        assert_eq!(counting.pauses, 100);
    }
}
