# Expected values of tests/unit/stats/*_test.cpp, computed independently with R's stats and psych
# packages (Debian 12: r-base-core, r-cran-psych). Re-run with
#   Rscript tests/unit/stats/reference.R
# and compare: every line prints an R expression and its value with 17 significant digits; the unit
# tests quote the same expression next to each expected value. The data below are written out
# literally, identically to the C++ tests.
suppressPackageStartupMessages(library(psych))

show <- function(e) {
  x <- e
  label <- paste(deparse(substitute(e), width.cutoff = 500L), collapse = " ")
  cat(label, "=", if (is.null(x)) "NULL" else paste(sprintf("%.17g", x), collapse = " "), "\n")
}

cat("## distributions\n")
show(qnorm(0.975))
show(qnorm(0.95))
show(qnorm(0.995))
show(qt(0.975, 1))
show(qt(0.975, 5))
show(qt(0.975, 29))
show(qt(0.975, 12.5))
show(qt(0.95, 10))
show(qt(0.975, Inf))
show(2 * pnorm(-abs(1.96)))
show(2 * pnorm(-abs(-2.5)))
show(2 * pnorm(-abs(0)))
show(2 * pnorm(-abs(6)))
show(2 * pt(-abs(2.1), 7))
show(2 * pt(-abs(-0.7), 30.25))
show(2 * pt(-abs(4), 3))

cat("## wilson\n")
show(prop.test(7, 20, correct = FALSE)$conf.int)
show(prop.test(0, 12, correct = FALSE)$conf.int)
show(prop.test(12, 12, correct = FALSE)$conf.int)
show(prop.test(1, 1000, correct = FALSE)$conf.int)
show(prop.test(45, 60, correct = FALSE, conf.level = 0.9)$conf.int)

cat("## nps (by hand from the formula in stats.h)\n")
nps <- function(P, A, D, level = 0.95) {
  n <- P + A + D
  if (n == 0) return(c(value = 0, lo = 0, hi = 0))
  pP <- P / n; pD <- D / n
  value <- 100 * (pP - pD)
  se <- sqrt((pP + pD - (pP - pD)^2) / n)
  half <- qnorm((1 + level) / 2) * 100 * se
  c(value = value, lo = max(-100, value - half), hi = min(100, value + half))
}
show(nps(52, 30, 18))
show(nps(52, 30, 18, level = 0.9))
show(nps(4, 0, 1))   # upper end clamped to 100
show(nps(1, 0, 4))   # lower end clamped to -100
show(nps(5, 0, 0))
show(nps(0, 10, 0))
show(nps(0, 0, 0))

cat("## mean_summary\n")
a <- c(4,2,4,2,4,3,3,1,4,4,4,2,5,5,4,4,3,2,5,4,3,3,5)
b <- c(4,5,4,3,4,5,3,1,3,3,3,4,4,2,4,3,5,2,5,1,2,3,5,4,2,5,1,3,5,1,2)
show(c(length(a), sum(a), sum(a^2)))
show(mean(a))
show(sd(a))
show(t.test(a)$conf.int)
show(t.test(a, conf.level = 0.99)$conf.int)
show(c(length(b), sum(b), sum(b^2)))
show(mean(b))
show(sd(b))
show(t.test(b)$conf.int)

cat("## Moments, relative_weights: 40 respondents; 5 driver scores (sums of 2,3,2,3,2 Likert items), overall 1..5\n")
D <- matrix(c(
  3,3,2,7,5,3,
  2,8,3,9,2,1,
  2,12,4,12,4,1,
  3,6,8,9,4,2,
  6,4,7,6,7,3,
  6,10,7,11,9,5,
  9,8,7,8,5,3,
  5,5,8,11,5,3,
  4,8,4,4,4,3,
  3,12,5,13,3,2,
  8,12,8,13,5,5,
  5,11,6,9,5,3,
  6,10,8,4,4,3,
  4,5,4,11,3,1,
  5,7,8,8,4,2,
  4,7,6,10,5,3,
  6,5,7,4,7,3,
  6,7,6,10,4,2,
  7,10,9,11,5,3,
  6,12,9,4,4,3,
  7,3,5,7,4,2,
  7,3,2,7,4,1,
  9,9,7,14,7,4,
  4,8,2,7,3,2,
  7,8,3,7,7,2,
  6,13,7,7,6,3,
  5,8,3,4,6,3,
  4,6,5,8,5,2,
  6,8,5,14,4,3,
  6,13,6,12,7,3,
  6,11,2,4,4,2,
  6,14,9,7,10,4,
  6,4,4,10,5,2,
  5,9,5,7,5,3,
  8,15,6,14,5,4,
  7,14,7,5,8,4,
  6,8,3,11,5,2,
  4,5,5,6,2,1,
  10,12,5,9,6,4,
  3,7,7,9,6,2
), ncol = 6, byrow = TRUE)
X <- D[, 1:5]
y <- D[, 6]
show(colMeans(D))
show(cov(D))   # column-major = row-major (symmetric)
show(cor(D))
half1 <- D[1:17, ]
show(cov(half1)[2, 4])
show(cov(D[, c(6, 2, 4)]))

R <- cor(X)
rxy <- cor(X, y)
e <- eigen(R)
L <- e$vectors %*% diag(sqrt(e$values)) %*% t(e$vectors)
beta <- solve(L, rxy)
eps <- (L^2) %*% (beta^2)
show(as.vector(rxy))
show(as.vector(eps))
show(sum(eps))
show(summary(lm(y ~ X))$r.squared)
# Only the first three drivers (Moments::select({0, 1, 2, 5})):
X3 <- D[, 1:3]
R3 <- cor(X3); r3 <- cor(X3, y); e3 <- eigen(R3)
L3 <- e3$vectors %*% diag(sqrt(e3$values)) %*% t(e3$vectors)
eps3 <- (L3^2) %*% (solve(L3, r3)^2)
show(as.vector(eps3))
show(summary(lm(y ~ X3))$r.squared)
# One driver: its relative weight is r^2 = R^2.
show(cor(D[, 5], y)^2)

cat("## cronbach: 30 respondents x 5 items (1..5); item 4 is reverse-keyed and reversed (6 - x) before use\n")
raw <- matrix(c(
  1,2,3,4,1,
  3,2,1,3,3,
  3,2,2,4,3,
  4,3,3,4,3,
  2,4,2,3,4,
  4,3,4,3,3,
  4,5,3,1,4,
  4,4,4,1,4,
  4,3,3,4,2,
  1,2,1,3,1,
  3,2,3,2,4,
  2,3,3,3,1,
  3,5,3,2,5,
  2,2,2,5,2,
  2,3,3,1,3,
  2,3,3,4,2,
  3,2,4,3,2,
  3,4,3,3,3,
  2,2,4,2,4,
  3,2,2,4,3,
  4,3,4,2,5,
  3,2,2,4,3,
  5,2,4,3,2,
  2,3,3,4,2,
  2,2,4,2,2,
  2,2,1,4,1,
  2,3,2,5,3,
  4,3,2,3,3,
  4,4,3,3,3,
  1,3,3,3,2
), ncol = 5, byrow = TRUE)
d <- raw
d[, 4] <- 6 - d[, 4]
a5 <- psych::alpha(d, check.keys = FALSE)
show(a5$total$raw_alpha)
show(a5$total$std.alpha)
show(a5$item.stats$r.drop)
show(a5$alpha.drop$raw_alpha)
a2 <- psych::alpha(d[, 1:2], check.keys = FALSE)
show(a2$total$raw_alpha)
show(a2$total$std.alpha)
show(a2$item.stats$r.drop)
show(a2$alpha.drop$raw_alpha)
show(cor(d[, 1], d[, 2]))
# A constant sixth item (psych would delete it): raw alpha by the formula, on cov() directly.
C6 <- cov(cbind(d, 3))
show(6/5 * (1 - sum(diag(C6)) / sum(C6)))
a3 <- psych::alpha(d[, c(5, 1, 3)], check.keys = FALSE)
show(a3$total$raw_alpha)
show(a3$total$std.alpha)
show(a3$item.stats$r.drop)
show(a3$alpha.drop$raw_alpha)

cat("## two_proportion_z (statistic = z^2; z has the sign of p1 - p2)\n")
show(prop.test(c(45, 30), c(120, 110), correct = FALSE)$statistic)
show(prop.test(c(45, 30), c(120, 110), correct = FALSE)$p.value)
show(prop.test(c(10, 22), c(50, 60), correct = FALSE)$statistic)
show(prop.test(c(10, 22), c(50, 60), correct = FALSE)$p.value)
show(45/120 - 30/110)
show(10/50 - 22/60)
show(sign(45/120 - 30/110) * sqrt(prop.test(c(45, 30), c(120, 110), correct = FALSE)$statistic))
show(sign(10/50 - 22/60) * sqrt(prop.test(c(10, 22), c(50, 60), correct = FALSE)$statistic))

cat("## welch_t\n")
w <- t.test(a, b)
show(w$statistic)
show(w$parameter)
show(w$p.value)
show(mean(a) - mean(b))
w2 <- t.test(b, a)
show(w2$statistic)
show(w2$p.value)
