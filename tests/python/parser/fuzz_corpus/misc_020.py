"""doc"""
import os