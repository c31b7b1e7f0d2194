"""Extensions: the archive session, run recording, progress, the job guard and GC tuning."""
