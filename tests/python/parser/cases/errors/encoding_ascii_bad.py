# coding: ascii
x="Á"
