package org.a2imd.run;

/** Hears of the loop's progress (a progress bar on a terminal, nothing otherwise). */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void started(long step, long lastStep) {
        }

        @Override
        public void advanced(long step) {
        }

        @Override
        public void finished() {
        }
    };

    void started(long step, long lastStep);

    void advanced(long step);

    void finished();
}
