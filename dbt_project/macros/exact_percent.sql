{#-
  精确百分比：100 × numerator / denominator，按“四舍五入（远离零）”保留 scale 位小数，全程整数运算。
  Exact percent: 100 * numerator / denominator rounded half away from zero to `scale` decimals.

  DuckDB types DECIMAL / DECIMAL as DOUBLE, so dividing decimals directly can round a .xx5 boundary the
  wrong way. Here both operands (amounts with at most 6 decimals) are scaled to HUGEINT micro-units and
  the quotient is rounded with integer arithmetic; the result is an exact DECIMAL(38, scale).
  Null when either operand is null or the denominator is zero.
-#}
{% macro exact_percent(numerator, denominator, scale=2) -%}
    {%- set n = "cast(cast(" ~ numerator ~ " as decimal(38, 6)) * 1000000 as hugeint)" -%}
    {%- set d = "cast(cast(" ~ denominator ~ " as decimal(38, 6)) * 1000000 as hugeint)" -%}
    {%- set factor = 100 * (10 ** scale) -%}
    {%- set unit = "1" if scale == 0 else "0." ~ ("0" * (scale - 1)) ~ "1" -%}
    case
        when ({{ numerator }}) is null or ({{ denominator }}) is null or ({{ denominator }}) = 0 then null
        else cast(
            (case when (({{ numerator }}) < 0) != (({{ denominator }}) < 0) then -1 else 1 end)
            * ((2 * abs({{ n }}) * {{ factor }} + abs({{ d }})) // (2 * abs({{ d }})))
            as decimal(38, 0)
        ) * cast('{{ unit }}' as decimal({{ scale + 1 }}, {{ scale }}))
    end
{%- endmacro %}

