"""Small pure helpers shared by components: bounded decompression, listed dates and schedules."""
